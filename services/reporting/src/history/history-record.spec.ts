import type { EventEnvelope } from '@kitos/contracts';
import { eventKindOf, historyRecordOf, initialValues } from './history-record';

const ORG = '6f1c3f0e-0000-4000-8000-000000000001';
const USER = '6f1c3f0e-0000-4000-8000-000000000002';
const SYS = '6f1c3f0e-0000-4000-8000-000000000003';

const envelope = (type: string, version: number, data: Record<string, unknown>, organizationUuid: string | null = ORG): EventEnvelope => ({
  id: `6f1c3f0e-0000-4000-8000-00000000010${version}`,
  type,
  version: 1,
  occurredAt: '2026-03-01T09:00:00.000Z',
  organizationUuid,
  actor: { kind: 'user', userUuid: USER },
  aggregate: { type: type.split('.')[1], uuid: SYS, version },
  data,
});

describe('history records from events', () => {
  it.each([
    ['catalog.it-system.created', 1, 'created'],
    ['catalog.it-system.updated', 2, 'updated'],
    ['catalog.it-system.deleted', 3, 'deleted'],
    ['gdpr.usage-gdpr.changed', 1, 'created'],
    ['gdpr.usage-gdpr.changed', 4, 'updated'],
    ['archiving.usage-archive.changed', 2, 'updated'],
  ] as const)('%s at version %i is %s', (type, version, kind) => {
    expect(eventKindOf(type, version)).toBe(kind);
  });

  it('records the initial non-empty values of a created object, without bookkeeping fields', () => {
    expect(
      initialValues({ uuid: SYS, name: 'ESDH', description: null, kleUuids: [], scope: 'Local', lastModified: 'x', deactivated: false }),
    ).toEqual([
      { field: 'name', oldValue: null, newValue: 'ESDH' },
      { field: 'scope', oldValue: null, newValue: 'Local' },
      { field: 'deactivated', oldValue: null, newValue: false },
    ]);
  });

  it('keeps the declared field changes of an update, with organisation, scope and actor', () => {
    const record = historyRecordOf(
      envelope('catalog.it-system.updated', 2, {
        system: { uuid: SYS, organizationUuid: ORG, name: 'B', scope: 'Global' },
        changes: [{ field: 'name', oldValue: 'A', newValue: 'B' }],
      }),
    );
    expect(record).toMatchObject({
      aggregateType: 'it-system',
      aggregateUuid: SYS,
      version: 2,
      event: 'updated',
      actorUuid: USER,
      organizationUuid: ORG,
      scope: 'Global',
      changes: [{ field: 'name', oldValue: 'A', newValue: 'B' }],
    });
    expect(record.occurredAt.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('takes the organisation from the data when the envelope has none, and records no changes on deletion', () => {
    const record = historyRecordOf(envelope('catalog.it-system.deleted', 3, { uuid: SYS, organizationUuid: ORG, name: 'B' }, null));
    expect(record).toMatchObject({ event: 'deleted', organizationUuid: ORG, scope: null, changes: [] });
  });

  it('treats a missing old or new value as null and has no actor for system changes', () => {
    const event = envelope('contracts.it-contract.updated', 2, { contract: {}, changes: [{ field: 'notes', newValue: 'x' }] });
    event.actor = { kind: 'system', userUuid: null };
    expect(historyRecordOf(event)).toMatchObject({ actorUuid: null, changes: [{ field: 'notes', oldValue: null, newValue: 'x' }] });
  });
});
