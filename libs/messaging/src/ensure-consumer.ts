import { AckPolicy, DeliverPolicy, nanos, type ConsumerConfig, type ConsumerInfo, type JetStreamManager } from 'nats';
import { JetStreamApiError, jetStreamErrorCode } from './jetstream-errors';

export interface PullConsumerSpec {
  readonly stream: string;
  readonly durable: string;
  readonly filterSubject?: string;
  /**
   * Several subjects, instead of filterSubject: the server delivers only these (a consumer then neither pulls nor acks
   * the events it has no handler for). Empty or absent: every subject of the stream (or filterSubject).
   */
  readonly filterSubjects?: readonly string[];
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
}

type ManagedConsumerConfig = Pick<
  ConsumerConfig,
  'durable_name' | 'ack_policy' | 'deliver_policy' | 'max_deliver' | 'ack_wait' | 'filter_subject' | 'filter_subjects'
>;

function consumerConfig(spec: PullConsumerSpec): ManagedConsumerConfig {
  // one subject goes in filter_subject (what older servers and the existing consumers know), several in filter_subjects
  const subjects = [...new Set(spec.filterSubjects ?? [])].sort();
  const filter = subjects.length === 1 ? subjects[0] : spec.filterSubject;
  return {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    filter_subject: subjects.length > 1 ? undefined : filter,
    filter_subjects: subjects.length > 1 ? subjects : undefined,
  };
}

const sameSubjects = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

function sameConfig(actual: ConsumerConfig, desired: ManagedConsumerConfig): boolean {
  return (
    actual.ack_policy === desired.ack_policy &&
    actual.deliver_policy === desired.deliver_policy &&
    actual.max_deliver === desired.max_deliver &&
    actual.ack_wait === desired.ack_wait &&
    (actual.filter_subject || undefined) === desired.filter_subject &&
    sameSubjects(actual.filter_subjects, desired.filter_subjects) &&
    !actual.backoff?.length
  );
}

async function findConsumer(jsm: JetStreamManager, stream: string, durable: string): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (jetStreamErrorCode(error) === JetStreamApiError.ConsumerNotFound) return undefined;
    throw error;
  }
}

async function addConsumer(jsm: JetStreamManager, stream: string, config: ManagedConsumerConfig): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.add(stream, config);
  } catch (error) {
    if (jetStreamErrorCode(error) === JetStreamApiError.ConsumerAlreadyExists) return undefined;
    throw error;
  }
}

/**
 * Creates the durable pull consumer, or updates it when its settings differ. No server-side `backoff`: the server would
 * replace `ack_wait` by `backoff[0]`, so retry delays are applied by the client with `nak(delay)` instead.
 */
export async function ensureConsumer(jsm: JetStreamManager, spec: PullConsumerSpec): Promise<ConsumerInfo> {
  const desired = consumerConfig(spec);
  const existing =
    (await findConsumer(jsm, spec.stream, spec.durable)) ??
    (await addConsumer(jsm, spec.stream, desired)) ??
    (await jsm.consumers.info(spec.stream, spec.durable));
  if (sameConfig(existing.config, desired)) return existing;
  if (existing.config.ack_policy !== desired.ack_policy || existing.config.deliver_policy !== desired.deliver_policy) {
    throw new Error(
      `Consumer ${spec.durable} on ${spec.stream} has ack policy ${existing.config.ack_policy} and deliver policy ${existing.config.deliver_policy}, ` +
        `which cannot be updated to ${desired.ack_policy} and ${desired.deliver_policy}: delete it to have it recreated`,
    );
  }
  return jsm.consumers.update(spec.stream, spec.durable, {
    max_deliver: desired.max_deliver,
    ack_wait: desired.ack_wait,
    filter_subject: desired.filter_subject,
    filter_subjects: desired.filter_subjects,
    backoff: undefined,
  });
}
