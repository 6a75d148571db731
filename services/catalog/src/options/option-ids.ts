import { createHash } from 'node:crypto';

/** Namespace of the deterministic ids of option values and local settings (a fixed random UUID). */
const OPTIONS_NAMESPACE = '7d2b6c1e-3f4a-4e8b-9c5d-0a1b2c3d4e5f';

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

/** The id of a default value: the same on every replica and every installation, so seeding is insert-if-absent. */
export function defaultOptionUuid(kind: string, name: string): string {
  return uuidV5(`option/${kind}/${name}`, OPTIONS_NAMESPACE);
}

/** The id of an organisation's setting of a value: found by `_id` alone, created at most once. */
export function localOptionUuid(organizationUuid: string, optionUuid: string): string {
  return uuidV5(`local-option/${organizationUuid.toLowerCase()}/${optionUuid.toLowerCase()}`, OPTIONS_NAMESPACE);
}
