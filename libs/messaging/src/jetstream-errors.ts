import { NatsError } from 'nats';

/** JetStream API error codes (`err_code`) this library reacts to. */
export const JetStreamApiError = {
  ConsumerNotFound: 10014,
  StreamNameInUse: 10058,
  StreamNotFound: 10059,
  ConsumerAlreadyExists: 10148,
} as const;

export function jetStreamErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}

/** A request refused as invalid, by the client (bad name) or the server (e.g. a consumer setting it cannot change): retrying will not help. */
export function isPermanentFailure(error: unknown): boolean {
  return !(error instanceof NatsError) || error.api_error?.code === 400;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
