import { eventually } from '@kitos/testing';
import { bearer } from './identity';
import type { HttpResult, http } from './system';

type Api = ReturnType<typeof http>;

/** PUT through the gateway (the shared client has no put), never throwing on error statuses. */
export async function putJson<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  body: unknown,
  token: string,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A download: status, headers and the raw bytes. */
export async function download(baseUrl: string, path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: bearer(token) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Parses `;`-separated CSV with quoted cells (quotes doubled, newlines inside quotes). */
export function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** An IT system and a usage of it in the organisation, through the API; waits until gdpr knows the usage. */
export async function createUsage(
  api: Api,
  token: string,
  organizationUuid: string,
  name: string,
): Promise<{ systemUuid: string; usageUuid: string }> {
  const system = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid, name }, bearer(token));
  if (system.status !== 201) throw new Error(`creating a system answered ${system.status}: ${JSON.stringify(system.body)}`);
  const usage = await api.post<{ uuid: string }>(
    '/api/v2/it-system-usages',
    { organizationUuid, systemUuid: system.body.uuid },
    bearer(token),
  );
  if (usage.status !== 201) throw new Error(`creating a usage answered ${usage.status}: ${JSON.stringify(usage.body)}`);
  await eventually(async () => {
    const gdpr = await api.get(`/api/v2/it-system-usages/${usage.body.uuid}/gdpr`, bearer(token));
    if (gdpr.status !== 200) throw new Error(`gdpr answered ${gdpr.status}`);
  });
  return { systemUuid: system.body.uuid, usageUuid: usage.body.uuid };
}
