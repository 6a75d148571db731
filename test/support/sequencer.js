/**
 * Longest file first, so that the Jest workers (jest.config.js, maxWorkers) finish together: a worker takes the next
 * file whenever it is free, and a long file that starts last keeps the whole run waiting for it.
 *
 * A file's length is its time in Jest's own cache of the last runs on this machine when there is one, else its time in
 * test/support/test-times.json (the committed figures for a clean clone, as CI runs it; refresh them with
 * `node test/support/test-times.js <output of jest --json>`), else a guess by its kind.
 *
 * The 100 000-row export test (test/e2e/reporting-export-memory.e2e-spec.ts) runs first of all: it measures the memory
 * of the process it runs in, a Jest worker (jest.config.js sets workerIdleMemoryLimit, so even one worker is a child
 * process of its own, never Jest's main process). As the first file the worker takes it starts in a fresh process:
 * nothing left behind by other suites in its heap, and its forced full garbage collections stay cheap. The other
 * worker's suites run in another process and do not show in its figures.
 */
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const TIMES = require('./test-times.json');

const FIRST = /reporting-export-memory\.e2e-spec\.ts$/;

/** Seconds for a file that has no figure yet (a new one). */
const GUESSES = [
  [/\.browser-spec\.ts$/, 30],
  [/\.(e2e|compat)-spec\.ts$/, 10],
  [/^test\//, 5],
  [/./, 1],
];

class KitosSequencer extends Sequencer {
  /** Seconds the file is expected to take. */
  seconds(test) {
    const cached = this.time(test);
    if (cached) return cached / 1000;
    const path = relative(test.context.config.rootDir, test.path).split('\\').join('/');
    return TIMES[path] ?? GUESSES.find(([pattern]) => pattern.test(path))[1];
  }

  sort(tests) {
    const seconds = new Map(tests.map((t) => [t, this.seconds(t)]));
    const sorted = [...tests].sort((a, b) => seconds.get(b) - seconds.get(a) || (a.path < b.path ? -1 : 1));
    return [...sorted.filter((t) => FIRST.test(t.path)), ...sorted.filter((t) => !FIRST.test(t.path))];
  }
}

module.exports = KitosSequencer;
