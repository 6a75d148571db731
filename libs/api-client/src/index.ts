import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './api-types';

export type { components, operations, paths } from './api-types';

/** The API's schemas by name (`Schemas['ItSystemResponse']`). */
export type Schemas = components['schemas'];

export type KitosClient = Client<paths>;

/**
 * A typed client of the KITOS API: paths, parameters, bodies and answers are checked by the compiler against the
 * types generated from docs/openapi.json (`npm run openapi:check -- --write` regenerates api-types.ts).
 */
export function createKitosClient(baseUrl: string, token?: string): KitosClient {
  return createClient<paths>({
    baseUrl,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
