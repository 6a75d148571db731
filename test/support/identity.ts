import { randomUUID } from 'node:crypto';
import { eventually } from '@kitos/testing';
import type { http } from './system';

type Api = ReturnType<typeof http>;

/** The bootstrap administrator of every test system (identity's local default outside production). */
export const LOCAL_ADMIN = { email: 'admin@kitos.local', password: 'kitos-local-admin-only' };

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface TestUser {
  readonly uuid: string;
  readonly email: string;
  readonly password: string;
}

/** Logs in as the bootstrap administrator once identity has created it. */
export function adminToken(api: Api, admin = LOCAL_ADMIN): Promise<string> {
  return eventually(async () => {
    const login = await api.post<{ token: string }>('/api/v2/auth/login', admin);
    if (login.status !== 200) throw new Error(`admin login answered ${login.status}`);
    return login.body.token;
  });
}

export async function createOrganization(api: Api, token: string, fields: Record<string, unknown> = {}): Promise<string> {
  const result = await api.post<{ uuid: string }>(
    '/api/v2/organizations',
    { name: `Kommune ${randomUUID().slice(0, 8)}`, organizationType: 'Municipality', ...fields },
    bearer(token),
  );
  if (result.status !== 201) throw new Error(`creating an organisation answered ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body.uuid;
}

export async function createUser(
  api: Api,
  token: string,
  rights: Array<{ organizationUuid: string; role: string }>,
  extra: Record<string, unknown> = {},
): Promise<TestUser> {
  const email = `u-${randomUUID()}@kommune.example`;
  const password = 'correct horse battery';
  const result = await api.post<{ uuid: string }>(
    '/api/v2/users',
    { firstName: 'Test', lastName: 'Bruger', email, password, rights, ...extra },
    bearer(token),
  );
  if (result.status !== 201) throw new Error(`creating a user answered ${result.status}: ${JSON.stringify(result.body)}`);
  return { uuid: result.body.uuid, email, password };
}

export async function sessionOf(api: Api, user: TestUser): Promise<string> {
  const result = await api.post<{ token: string }>('/api/v2/auth/login', { email: user.email, password: user.password });
  if (result.status !== 200) throw new Error(`login answered ${result.status}`);
  return result.body.token;
}
