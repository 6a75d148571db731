import type { mongo } from 'mongoose';

/** Which server speaks the MongoDB wire protocol behind MONGODB_URI: MongoDB itself, or FerretDB (the embedded store). */
export interface StoreKind {
  readonly kind: 'mongodb' | 'ferretdb';
  /** The server's own version (FerretDB's `ferretdbVersion`, else MongoDB's `version`). */
  readonly version: string;
}

/**
 * Asks the server with `buildInfo`: FerretDB answers with a MongoDB-compatible `version` (7.0.x) and adds its own
 * `ferretdbVersion`. FerretDB 1.24 does not apply a version-checked update atomically (see docs/operations.md,
 * "One process per service on the embedded store"), so callers that rely on it need to know.
 */
export async function detectStore(db: mongo.Db): Promise<StoreKind> {
  const info = await db.admin().command({ buildInfo: 1 });
  if (typeof info.ferretdbVersion === 'string') return { kind: 'ferretdb', version: info.ferretdbVersion };
  return { kind: 'mongodb', version: String(info.version) };
}
