/** Injection token of the service's one connected `NatsConnection` (JetStream and health use it). */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
