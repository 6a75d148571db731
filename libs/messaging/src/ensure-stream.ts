import { nanos, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type StreamInfo } from 'nats';
import { JetStreamApiError, jetStreamErrorCode } from './jetstream-errors';

export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  /** Age after which messages are removed; absent or 0 keeps them. */
  readonly maxAgeMs?: number;
  /** Window in which a repeated `Nats-Msg-Id` is dropped; 2 minutes by default (at most `maxAgeMs`). */
  readonly duplicateWindowMs?: number;
  readonly replicas?: number;
}

const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;

type ManagedStreamConfig = Pick<
  StreamConfig,
  'name' | 'subjects' | 'storage' | 'retention' | 'max_age' | 'duplicate_window' | 'num_replicas'
>;

function streamConfig(spec: StreamSpec): ManagedStreamConfig {
  const maxAgeMs = spec.maxAgeMs ?? 0;
  const duplicateWindowMs =
    spec.duplicateWindowMs ?? (maxAgeMs > 0 ? Math.min(DEFAULT_DUPLICATE_WINDOW_MS, maxAgeMs) : DEFAULT_DUPLICATE_WINDOW_MS);
  return {
    name: spec.name,
    subjects: [...spec.subjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(maxAgeMs),
    duplicate_window: nanos(duplicateWindowMs),
    num_replicas: spec.replicas ?? 1,
  };
}

function sameConfig(actual: StreamConfig, desired: ManagedStreamConfig): boolean {
  const subjects = (list: readonly string[]) => [...list].sort().join(' ');
  return (
    subjects(actual.subjects ?? []) === subjects(desired.subjects) &&
    actual.storage === desired.storage &&
    actual.retention === desired.retention &&
    actual.max_age === desired.max_age &&
    actual.duplicate_window === desired.duplicate_window &&
    actual.num_replicas === desired.num_replicas
  );
}

async function findStream(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (jetStreamErrorCode(error) === JetStreamApiError.StreamNotFound) return undefined;
    throw error;
  }
}

async function addStream(jsm: JetStreamManager, config: ManagedStreamConfig): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.add(config);
  } catch (error) {
    if (jetStreamErrorCode(error) === JetStreamApiError.StreamNameInUse) return undefined;
    throw error;
  }
}

/** Creates the stream (file storage, limits retention), or updates it when its settings differ from `spec`; safe to call from every replica at once. */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<StreamInfo> {
  const desired = streamConfig(spec);
  const existing = (await findStream(jsm, spec.name)) ?? (await addStream(jsm, desired)) ?? (await jsm.streams.info(spec.name));
  if (sameConfig(existing.config, desired)) return existing;
  return jsm.streams.update(spec.name, { ...existing.config, ...desired });
}

/** Creates the stream with `spec` only when it does not exist; an existing stream is left to its owner's settings. */
export async function createStreamIfMissing(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  if (!(await findStream(jsm, spec.name))) await addStream(jsm, streamConfig(spec));
}
