import { createHash } from 'node:crypto';
import type { CallerContext } from './caller-context';
import type { IdGenerator } from './clock';
import { DomainError, ErrorCode } from './errors';

export const EMPTY_UUID = '00000000-0000-0000-0000-000000000000';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** A name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of the namespace and the name. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Namespace of the uuids of objects created with an Idempotency-Key (a fixed random UUID). */
const IDEMPOTENT_CREATE_NAMESPACE = '3b0f6a52-9d7e-4c1a-8e26-5f4d0c7b9a13';

/**
 * The uuid of an aggregate a create makes: random, or — when the request came with an Idempotency-Key — derived from
 * the key the gateway passed down (already scoped to caller and request), so that a repeat of the same create
 * arrives at the same uuid: the store's unique `_id` then lets exactly one of them write, and the service answers the
 * repeat with the object made the first time.
 */
export function newAggregateUuid(ids: IdGenerator, caller: Pick<CallerContext, 'idempotencyKey'>, aggregateType: string): string {
  return caller.idempotencyKey ? uuidV5(`${aggregateType}\n${caller.idempotencyKey}`, IDEMPOTENT_CREATE_NAMESPACE) : ids.uuid();
}

/**
 * The uuid of a part a create adds inside an aggregate (an external reference, a data row, a project's milestone, a
 * journal period …): random, or derived from the Idempotency-Key like {@link newAggregateUuid}. A retry whose first
 * answer was lost then finds a part with this uuid already in the aggregate and answers with it instead of adding a
 * second one ({@link earlierPart}).
 */
export function newPartUuid(ids: IdGenerator, caller: Pick<CallerContext, 'idempotencyKey'>, partType: string): string {
  return newAggregateUuid(ids, caller, partType);
}

/**
 * With an Idempotency-Key: what an earlier run of this very create made (found under its derived uuid), read as the
 * service answers it; null without a key or when nothing was made (the read's 404).
 */
export async function earlierCreation<T>(caller: Pick<CallerContext, 'idempotencyKey'>, read: () => Promise<T>): Promise<T | null> {
  if (!caller.idempotencyKey) return null;
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
    throw error;
  }
}

/** With an Idempotency-Key: the part an earlier run of this very create added (found by its derived uuid), else null. */
export function earlierPart<T extends { readonly uuid: string }>(
  caller: Pick<CallerContext, 'idempotencyKey'>,
  parts: readonly T[],
  uuid: string,
): T | null {
  if (!caller.idempotencyKey) return null;
  return parts.find((p) => p.uuid === uuid) ?? null;
}

/**
 * Inside a create's write, after the aggregate was loaded: a run of this very create that wrote after this one looked
 * for it ({@link earlierPart}) already added the part under its derived uuid. Refuses with 409 so that
 * {@link createOnce} answers that part; appending the request's part again would store a second one with the same uuid.
 */
export function refuseIfAdded(
  caller: Pick<CallerContext, 'idempotencyKey'>,
  parts: readonly { readonly uuid: string }[],
  uuid: string,
): void {
  if (earlierPart(caller, parts, uuid)) throw DomainError.conflict(`The part ${uuid} was added by an earlier run of this request`);
}

/**
 * Whether a create's failure can be the store or a uniqueness rule refusing it because another run of the same create
 * got there first: a domain refusal (409 name taken, 409 uuid taken …) or the store's duplicate key (the persistence
 * library's DuplicateKeyError, or the driver's error code 11000).
 */
function mayBeOvertaken(error: unknown): boolean {
  if (error instanceof DomainError) return true;
  if (typeof error !== 'object' || error === null) return false;
  return (error as { name?: unknown }).name === 'DuplicateKeyError' || (error as { code?: unknown }).code === 11000;
}

/**
 * Runs a create whose uuid came from {@link newAggregateUuid} (or {@link newPartUuid}) and is safe against a retry
 * that overtook its own first run: the gateway released the key after a 504 while the first run was still working, so
 * both runs target the same uuid. Whichever writes second is refused — by the unique `_id`, or by a uniqueness check
 * that now sees the first run's object ("name taken"). That is no conflict but the same create: when the object with
 * this create's uuid now exists (`earlier` finds it), it is the answer. Without an Idempotency-Key (a fresh uuid),
 * with a uuid the client chose (`derived: false`), or when nothing was made under the uuid, the error stands — a real
 * duplicate name still answers 409.
 */
export async function createOnce<T>(
  caller: Pick<CallerContext, 'idempotencyKey'>,
  create: () => Promise<T>,
  earlier: () => Promise<T | null>,
  options: { readonly derived?: boolean } = {},
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!caller.idempotencyKey || options.derived === false || !mayBeOvertaken(error)) throw error;
    const made = await earlier().catch(() => null);
    if (made === null) throw error;
    return made;
  }
}
