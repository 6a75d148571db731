import { randomUUID } from 'node:crypto';
import type { JetStreamManager, NatsConnection, StoredMsg } from 'nats';
import { CatalogEvents, type EventEnvelope, type ItSystemCreatedV1, type ItSystemDeletedV1 } from '@kitos/contracts';
import { connectNats, ensureStream, type StreamSpec } from '@kitos/messaging';
import { eventually, testNatsUrl } from '@kitos/testing';

export { RecordingLogger } from './recording-logger';

const OCCURRED_AT = '2025-03-01T12:00:00.000Z';

export function itSystemCreated(overrides: Partial<EventEnvelope<ItSystemCreatedV1>> = {}): EventEnvelope<ItSystemCreatedV1> {
  const uuid = randomUUID();
  const organizationUuid = randomUUID();
  return {
    id: randomUUID(),
    type: CatalogEvents.itSystemCreated.type,
    version: CatalogEvents.itSystemCreated.version,
    occurredAt: OCCURRED_AT,
    organizationUuid,
    actor: { kind: 'system', userUuid: null },
    aggregate: { type: 'it-system', uuid, version: 1 },
    data: {
      system: {
        uuid,
        organizationUuid,
        name: 'Sagssystem',
        formerName: null,
        description: null,
        scope: 'Local',
        deactivated: false,
        createdAt: OCCURRED_AT,
        lastModified: OCCURRED_AT,
      },
    },
    ...overrides,
  };
}

export function itSystemDeleted(): EventEnvelope<ItSystemDeletedV1> {
  const uuid = randomUUID();
  const organizationUuid = randomUUID();
  return {
    id: randomUUID(),
    type: CatalogEvents.itSystemDeleted.type,
    version: CatalogEvents.itSystemDeleted.version,
    occurredAt: OCCURRED_AT,
    organizationUuid,
    actor: { kind: 'system', userUuid: null },
    aggregate: { type: 'it-system', uuid, version: 2 },
    data: { uuid, organizationUuid, name: 'Sagssystem', deletedAt: OCCURRED_AT },
  };
}

export function connectTestNats(name: string, url = testNatsUrl()): Promise<NatsConnection> {
  return connectNats({ url, name });
}

/** ensureStream right after resetJetStream(), retried: re-creating a just-deleted stream now and then fails on the server with "error creating store for stream". */
export async function recreateStream(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  await eventually(() => ensureStream(jsm, spec));
}

export async function storedMessages(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    messages.push(await jsm.streams.getMessage(stream, { seq }));
  }
  return messages;
}

export function json(data: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(data));
}
