import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake KITOS public API v2 for the importer's tests, built from the shapes in kitos-reference.md §3: GetToken with
 * 401 for wrong credentials, bearer tokens (401 without), `page`/`pageSize` (1–250, else 400), `changedSinceGtEq`
 * (lastModified ≥), the empty GUID refused with 400, 403 for an organisation the API user is not a member of, 404 for an
 * unknown one, 500 for an internal error. `breakOn` cuts the connection of the next request whose path starts with it,
 * and `failOn` answers the next matching request with 500, to inject a crash.
 */
export interface FakeKitosData {
  organization: Record<string, unknown> & { uuid: string };
  units: Array<Record<string, unknown> & { uuid: string; lastModified: string }>;
  users: Array<Record<string, unknown> & { uuid: string }>;
  systems: Array<Record<string, unknown> & { uuid: string; lastModified: string }>;
  interfaces: Array<Record<string, unknown> & { uuid: string; lastModified: string }>;
  usages: Array<Record<string, unknown> & { uuid: string; lastModified: string }>;
  contracts?: Array<Record<string, unknown> & { uuid: string; lastModified: string }>;
  dataProcessingRegistrations?: Array<Record<string, unknown> & { uuid: string; lastModified: string }>;
  /** `GET /api/v2/{kind}?organizationUuid=`: the option values as the organisation sees them ({uuid, name, description}). */
  optionTypes?: Record<string, Array<{ uuid: string; name: string; description: string | null }>>;
}

export interface FakeKitos {
  readonly url: string;
  readonly data: FakeKitosData;
  readonly requests: string[];
  /** Cut the connection of the next request whose path starts with this (once). */
  breakOn: string | null;
  /** Answer the next request whose path and query contain this with 500 (once), as KITOS does on an internal error. */
  failOn: string | null;
  close(): Promise<void>;
}

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
const TOKEN = 'fake-kitos-jwt';

export async function startFakeKitos(data: FakeKitosData, credentials: { email: string; password: string }): Promise<FakeKitos> {
  const requests: string[] = [];
  const fake: FakeKitos = { url: '', data, requests, breakOn: null, failOn: null, close: async () => undefined };

  const send = (response: ServerResponse, status: number, body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(text);
  };

  const page = (items: Array<Record<string, unknown>>, query: URLSearchParams, response: ServerResponse) => {
    const pageSize = Number(query.get('pageSize') ?? 250);
    const pageNo = Number(query.get('page') ?? 0);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 250 || !Number.isInteger(pageNo) || pageNo < 0)
      return send(response, 400, 'pageSize must be 1-250 and page ≥ 0');
    const since = query.get('changedSinceGtEq');
    const filtered = since
      ? items.filter((i) => typeof i.lastModified === 'string' && i.lastModified >= new Date(since).toISOString())
      : items;
    const ordered = since ? [...filtered].sort((a, b) => String(a.lastModified).localeCompare(String(b.lastModified))) : filtered;
    return send(response, 200, ordered.slice(pageNo * pageSize, (pageNo + 1) * pageSize));
  };

  const handle = (request: IncomingMessage, body: string, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://kitos');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (fake.breakOn && url.pathname.startsWith(fake.breakOn)) {
      fake.breakOn = null;
      request.socket.destroy();
      return;
    }
    if (fake.failOn && `${url.pathname}${url.search}`.includes(fake.failOn)) {
      fake.failOn = null;
      return send(response, 500, 'An error has occurred.');
    }
    if (request.method === 'POST' && url.pathname === '/api/authorize/GetToken') {
      const login = JSON.parse(body || '{}') as { email?: string; password?: string };
      if (login.email !== credentials.email || login.password !== credentials.password) return send(response, 401, 'Unauthorized');
      return send(response, 200, {
        token: TOKEN,
        email: login.email,
        loginSuccessful: true,
        expires: new Date(Date.now() + 86_400_000).toISOString(),
      });
    }
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(response, 401, 'Unauthorized');
    if (request.method !== 'GET') return send(response, 403, 'Token users may only read in this fake');
    for (const value of [...url.searchParams.values(), ...url.pathname.split('/')])
      if (value === EMPTY_GUID) return send(response, 400, 'Empty guid');
    const org = data.organization.uuid;
    const parts = url.pathname.split('/').filter(Boolean); // api v2 …
    const q = url.searchParams;
    if (parts[2] === 'organizations') {
      if (parts.length === 3) return page([data.organization], q, response);
      if (parts[3] !== org) return send(response, parts[3].length === 36 ? 404 : 400, 'Unknown organization');
      if (parts.length === 4) return send(response, 200, data.organization);
      if (parts[4] === 'organization-units') return page(data.units, q, response);
      if (parts[4] === 'users') return page(data.users, q, response);
    }
    if (parts[2] === 'it-systems' && parts.length === 3) {
      if (q.get('usedInOrganizationUuid') && q.get('usedInOrganizationUuid') !== org) return send(response, 200, []);
      const used = new Set(data.usages.map((u) => (u.systemContext as { uuid: string }).uuid));
      const visible = data.systems.filter((s) => used.has(s.uuid) && (q.get('includeDeactivated') === 'true' || !s.deactivated));
      return page(visible, q, response);
    }
    if (parts[2] === 'it-interfaces' && parts.length === 3) {
      const used = new Set(data.usages.map((u) => (u.systemContext as { uuid: string }).uuid));
      const visible = data.interfaces.filter((i) => used.has((i.exposedBySystem as { uuid: string } | null)?.uuid ?? ''));
      return page(visible, q, response);
    }
    if (parts[2] === 'it-system-usages' && parts.length === 3) {
      if (q.get('organizationUuid') !== org) return send(response, 403, 'Not a member');
      return page(data.usages, q, response);
    }
    if ((parts[2] === 'it-contracts' || parts[2] === 'data-processing-registrations') && parts.length === 3) {
      if (!q.get('organizationUuid')) return page([], q, response);
      if (q.get('organizationUuid') !== org) return send(response, 403, 'Not a member');
      return page((parts[2] === 'it-contracts' ? data.contracts : data.dataProcessingRegistrations) ?? [], q, response);
    }
    if (parts.length === 3 && parts[2].endsWith('-types')) {
      if (q.get('organizationUuid') !== org) return send(response, 403, 'Not a member');
      return page(data.optionTypes?.[parts[2]] ?? [], q, response);
    }
    return send(response, 404, 'Not found');
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => handle(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
