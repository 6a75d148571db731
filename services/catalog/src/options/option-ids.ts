import { uuidV5 } from '@kitos/common';

export { uuidV5 };

/** Namespace of the deterministic ids of option values and local settings (a fixed random UUID). */
const OPTIONS_NAMESPACE = '7d2b6c1e-3f4a-4e8b-9c5d-0a1b2c3d4e5f';

/** The id of a default value: the same on every replica and every installation, so seeding is insert-if-absent. */
export function defaultOptionUuid(kind: string, name: string): string {
  return uuidV5(`option/${kind}/${name}`, OPTIONS_NAMESPACE);
}

/** The id of an organisation's setting of a value: found by `_id` alone, created at most once. */
export function localOptionUuid(organizationUuid: string, optionUuid: string): string {
  return uuidV5(`local-option/${organizationUuid.toLowerCase()}/${optionUuid.toLowerCase()}`, OPTIONS_NAMESPACE);
}
