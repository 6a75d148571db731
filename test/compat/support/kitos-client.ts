import type { HttpResult } from '../../support/system';

/** One HTTP call as an existing KITOS API v2 integration makes it, recorded as the KITOS operation it exercised. */
export interface ExercisedCall {
  readonly operation: string;
  readonly status: number;
  readonly queryParameters: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /api/v2/it-contracts/0b6…?page=1` → `GET /api/v2/it-contracts/{uuid}`: every uuid segment named by the segment
 * before it, so that the operation reads as in KITOS's Swagger (`{uuid}`, `{organizationUuid}`, `{userUuid}` …).
 */
export function operationOf(method: string, path: string): { operation: string; queryParameters: string[] } {
  const [pathname, query = ''] = path.split('?');
  const segments = pathname.split('/');
  const templated = segments.map((segment, i) => {
    if (!UUID.test(segment)) return segment;
    const before = segments[i - 1];
    if (before === 'organizations') return '{organizationUuid}';
    if (before === 'users') return '{userUuid}';
    if (before === 'organization-units') return '{organizationUnitUuid}';
    if (before === 'external-references') return '{externalReferenceUuid}';
    if (before === 'oversight-dates') return '{oversightDateUuid}';
    return '{uuid}';
  });
  const queryParameters = [...new URLSearchParams(query).keys()].sort();
  return { operation: `${method} ${templated.join('/')}`, queryParameters };
}

/**
 * A client that talks to the gateway exactly as a KITOS client would (bearer token, JSON, If-Match, the KITOS headers)
 * and records what it exercised. `report()` prints the table of KITOS operations covered and the expected ones that
 * were not; call it from `afterAll`.
 */
export class KitosCompatClient {
  private readonly calls: ExercisedCall[] = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly expected: readonly string[],
  ) {}

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    token: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const response = await fetch(`${this.baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    this.record(method, path, response.status);
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Records a call made by other means (a suite with its own HTTP helpers) as the KITOS operation it exercised. */
  record(method: string, path: string, status: number): void {
    const { operation, queryParameters } = operationOf(method, path);
    this.calls.push({ operation, status, queryParameters });
  }

  get = <T = Record<string, unknown>>(path: string, token: string, headers?: Record<string, string>) =>
    this.call<T>('GET', path, token, { headers });
  post = <T = Record<string, unknown>>(path: string, token: string, body: unknown, headers?: Record<string, string>) =>
    this.call<T>('POST', path, token, { body, headers });
  put = <T = Record<string, unknown>>(path: string, token: string, body: unknown, headers?: Record<string, string>) =>
    this.call<T>('PUT', path, token, { body, headers });
  patch = <T = Record<string, unknown>>(path: string, token: string, body: unknown, headers?: Record<string, string>) =>
    this.call<T>('PATCH', path, token, { body, headers });
  delete = <T = Record<string, unknown>>(path: string, token: string, headers?: Record<string, string>) =>
    this.call<T>('DELETE', path, token, { headers });

  /** The KITOS operations exercised, each with the statuses seen and the query parameters used. */
  coverage(): Array<{ operation: string; calls: number; statuses: number[]; queryParameters: string[] }> {
    const rows = new Map<string, { calls: number; statuses: Set<number>; queryParameters: Set<string> }>();
    for (const call of this.calls) {
      const row = rows.get(call.operation) ?? { calls: 0, statuses: new Set(), queryParameters: new Set() };
      row.calls++;
      row.statuses.add(call.status);
      call.queryParameters.forEach((q) => row.queryParameters.add(q));
      rows.set(call.operation, row);
    }
    return [...rows]
      .map(([operation, r]) => ({
        operation,
        calls: r.calls,
        statuses: [...r.statuses].sort(),
        queryParameters: [...r.queryParameters].sort(),
      }))
      .sort((a, b) => a.operation.localeCompare(b.operation));
  }

  /** The expected KITOS operations that no test exercised. */
  missing(): string[] {
    const seen = new Set(this.calls.map((c) => c.operation));
    return this.expected.filter((operation) => !seen.has(operation));
  }

  /** The table of operations covered, written straight to stdout (Jest's console would add a stack to every line). */
  report(title: string): string {
    const rows = this.coverage();
    const lines = [
      '',
      `KITOS API v2 compatibility — ${title}: ${this.expected.length - this.missing().length} of ${this.expected.length} operations exercised`,
      '| operation | calls | statuses | query parameters |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.operation} | ${r.calls} | ${r.statuses.join(', ')} | ${r.queryParameters.join(', ')} |`),
      ...this.missing().map((operation) => `| ${operation} | 0 | not exercised | |`),
      '',
    ];
    const text = lines.join('\n');
    process.stdout.write(`${text}\n`);
    return text;
  }
}
