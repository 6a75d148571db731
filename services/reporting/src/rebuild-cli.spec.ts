import type { ReadModelRebuildRun, RebuildStreamReport } from '@kitos/contracts';
import { ProgressPrinter, summary } from './rebuild-cli';

const stream = (over: Partial<RebuildStreamReport>): RebuildStreamReport => ({
  stream: 'CATALOG',
  lastSequence: 1000,
  expected: 1000,
  read: 0,
  applied: 0,
  ignored: 0,
  skipped: 0,
  skippedEvents: [],
  missing: 1000,
  caughtUp: 0,
  ...over,
});

const run = (over: Partial<ReadModelRebuildRun>): ReadModelRebuildRun => ({
  uuid: '00000000-0000-4000-8000-000000000001',
  state: 'running',
  step: 'reading',
  acceptInvalid: false,
  switched: false,
  streams: [],
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  events: null,
  applied: null,
  skipped: null,
  caughtUp: null,
  tookMs: null,
  error: null,
  ...over,
});

describe('the rebuild command’s output', () => {
  it('prints a line per step, and per stream whenever its count moved, with the rate since the last line', () => {
    const lines: string[] = [];
    const printer = new ProgressPrinter((line) => lines.push(line), 0);
    printer.update(run({ streams: [stream({ read: 500, applied: 490, ignored: 10, missing: 500 })] }), 1000);
    printer.update(run({ streams: [stream({ read: 500, applied: 490, ignored: 10, missing: 500 })] }), 2000);
    printer.update(run({ streams: [stream({ read: 1000, applied: 990, ignored: 10, missing: 0 })] }), 3000);
    printer.update(run({ step: 'switching', streams: [stream({ read: 1000, applied: 990, ignored: 10, missing: 0 })] }), 3500);
    expect(lines).toEqual([
      '[   1.0 s] reading',
      '[   1.0 s]   CATALOG         500 /    1,000 read,      490 applied,        0 skipped  500 events/s',
      '[   3.0 s]   CATALOG       1,000 /    1,000 read,      990 applied,        0 skipped  250 events/s',
      '[   3.5 s] switching',
    ]);
  });

  it('ends with every stream’s account, the skipped messages with their reasons, and the outcome', () => {
    const failed = run({
      state: 'failed',
      step: 'finished',
      tookMs: 4200,
      error: 'Invalid events were skipped (dead-lettered): CATALOG 1',
      streams: [
        stream({
          read: 1000,
          applied: 998,
          ignored: 1,
          skipped: 1,
          missing: 0,
          skippedEvents: [{ sequence: 17, subject: 'evt.catalog.it-system.created.v1', reason: 'Invalid event: id must be a UUID' }],
        }),
      ],
    });
    expect(summary(failed)).toEqual([
      'stream      last seq  expected      read   applied   ignored   skipped   missing caught up',
      'CATALOG         1000      1000      1000       998         1         1         0         0',
      'skipped CATALOG #17 (evt.catalog.it-system.created.v1): Invalid event: id must be a UUID',
      'Rebuild failed (live read models unchanged) in 4.2 s: Invalid events were skipped (dead-lettered): CATALOG 1',
    ]);
  });
});
