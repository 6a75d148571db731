import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** class-transformer hook: numbers from environment strings (validation then checks the range). */
export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/**
 * Settings every process reads, from environment variables of the same name in SCREAMING_SNAKE_CASE
 * (e.g. `natsUrl` ← NATS_URL). Read once at start-up and validated: a bad value stops the process with a clear list.
 */
export class ServiceConfig {
  /** Set by the process itself, not from the environment. */
  service!: string;

  @IsIn(['development', 'production', 'test'])
  nodeEnv: 'development' | 'production' | 'test' = 'development';

  @Matches(/^(nats|tls):\/\/\S+$/, { message: 'NATS_URL must look like nats://host:4222 (comma-separated for a cluster)' })
  natsUrl = 'nats://127.0.0.1:4222';

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must look like mongodb://host:27017/' })
  mongodbUri = 'mongodb://127.0.0.1:27017/';

  /** Defaults to the service name: each service owns its own database. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{0,62}$/, { message: 'MONGODB_DATABASE must be lower-case letters, digits, _ or -' })
  mongodbDatabase?: string;

  /** Port of the process's HTTP server (health, metrics; the API for the gateway). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  httpPort = 8080;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /** How long a request on the bus may take before the caller gives up (gateway answers 504). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  rpcTimeoutMs = 5000;

  /** How long a database operation waits for a reachable server before failing (the caller then gets 503). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  dbServerSelectionTimeoutMs = 2000;

  /**
   * Interval of the outbox relay's fallback sweep. Every write nudges the relay at once; the sweep only finds events
   * whose nudge was lost (a crash between write and publish, a write by another process).
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600000)
  outboxPollMs = 30000;

  /**
   * Aggregates whose events the outbox relay publishes at the same time (each aggregate's events still in order);
   * 1 publishes one aggregate after the other, as before 2026-12-07.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  outboxPublishConcurrency = 32;

  /** Events waiting in the outbox above which /health/ready reports degraded (not ready). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  outboxBacklogLimit = 10000;

  /** Days an event stream keeps events, long enough to rebuild read models; 0 keeps them forever. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  eventRetentionDays = 0;

  /** Issuer (`iss`) of the tokens identity signs and the gateway accepts. */
  @IsString()
  jwtIssuer = 'kitos-next';

  /** Audience (`aud`) of those tokens. */
  @IsString()
  jwtAudience = 'kitos-api';

  /** Replicas of the service's event stream (3 in a NATS cluster). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5)
  eventStreamReplicas = 1;

  /**
   * Time an event handler has before JetStream redelivers the event. Also the longest an event can wait when its
   * delivery was cut by a bus outage (the server only learns of it when this time runs out).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  eventAckWaitMs = 30000;

  /**
   * Lifetime of an event consumer's pull request. An event arriving meanwhile is delivered at once; an idle consumer
   * asks again when it runs out, so this is the rate of idle pulls (one per consumed stream and service), and the
   * longest a pull lost by the server without a reconnect (missed heartbeats) can stall a consumer.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(300000)
  eventPullExpiresMs = 30000;

  /** Deliveries of a failing event before it is parked in the dead-letter stream. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  eventMaxDeliver = 5;

  /**
   * Events a durable consumer asks JetStream for per pull request (handled one at a time, in order, each acknowledged
   * before the next): fewer round trips when catching up after a burst, a restart or a rebuild. 1 pulls one at a time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  eventBatchSize = 64;

  /** Largest accepted HTTP request body (gateway). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  bodyLimitBytes = 1048576;

  /** On shutdown, time between unsubscribing from requests and closing the bus connection, so that requests in flight finish. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  shutdownGraceMs = 3000;

  get database(): string {
    return this.mongodbDatabase ?? this.service;
  }
}
