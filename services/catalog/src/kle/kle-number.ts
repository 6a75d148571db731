import { createHash } from 'node:crypto';
import { KLE_NUMBER_PATTERN } from '@kitos/contracts';

/** Namespace of the uuid v5 identities of KLE entries (fixed: every import and every replica derives the same uuids). */
export const KLE_UUID_NAMESPACE = '5b0f3d9e-2c4a-4e8b-9a71-6c1d0e2f4b3a';

export type KleKind = 'MainGroup' | 'Group' | 'Topic';

export function isKleNumber(value: string): boolean {
  return KLE_NUMBER_PATTERN.test(value);
}

export function kindOf(kleNumber: string): KleKind {
  const depth = kleNumber.split('.').length;
  return depth === 1 ? 'MainGroup' : depth === 2 ? 'Group' : 'Topic';
}

/** `02.05.01` → `02.05`, `02.05` → `02`, `02` → null. */
export function parentNumberOf(kleNumber: string): string | null {
  const cut = kleNumber.lastIndexOf('.');
  return cut < 0 ? null : kleNumber.slice(0, cut);
}

/** True for the entry itself and everything below it. */
export function isInSubtree(kleNumber: string, root: string): boolean {
  return kleNumber === root || kleNumber.startsWith(`${root}.`);
}

/** The stable uuid of a KLE entry: uuid v5 (RFC 9562, SHA-1) of its number in KLE_UUID_NAMESPACE. */
export function kleUuidOf(kleNumber: string): string {
  return uuidV5(KLE_UUID_NAMESPACE, kleNumber);
}

/** The uuid of the KLE classification as one aggregate. */
export const KLE_AGGREGATE_UUID = uuidV5(KLE_UUID_NAMESPACE, 'KLE-Emneplan');

export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
