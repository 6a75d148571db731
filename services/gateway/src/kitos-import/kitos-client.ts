import type { KitosTokenResponse } from './kitos.types';

/** KITOS answered with something else than the data asked for, or could not be reached: the run stops here. */
export class KitosSourceError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export interface KitosCredentials {
  readonly baseUrl: string;
  readonly email: string;
  readonly password: string;
}

/** KITOS's largest page for bounded lists (`BoundedPaginationConstraints`). */
export const KITOS_PAGE_SIZE = 250;

const STATUS_TEXT: Record<number, string> = {
  400: 'refused the request as invalid',
  401: 'refused the credentials (is the user an API user with "API adgang"?)',
  403: 'refused access (the API user needs a role in the organisation, or API access was revoked)',
  404: 'does not know the object',
};

/**
 * Reads one KITOS installation through its public API v2: a token from `POST /api/authorize/GetToken`, then GETs
 * with the bearer token, lists page by page (`page`, `pageSize`, optionally `changedSinceGtEq`) until a short page.
 * There is no retry: a failure stops the run, and running again resumes (the import is idempotent by uuid).
 */
export class KitosClient {
  private token: string | null = null;

  constructor(
    private readonly credentials: KitosCredentials,
    private readonly signal?: AbortSignal,
    private readonly pageSize = KITOS_PAGE_SIZE,
  ) {}

  private get base(): string {
    return this.credentials.baseUrl.replace(/\/+$/, '');
  }

  async authenticate(): Promise<void> {
    const body = await this.call<KitosTokenResponse>('POST', '/api/authorize/GetToken', {
      email: this.credentials.email,
      password: this.credentials.password,
    });
    if (!body?.token) throw new KitosSourceError('KITOS answered GetToken without a token');
    this.token = body.token;
  }

  get<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return this.call<T>('GET', search ? `${path}?${search}` : path);
  }

  /** Every item of a bounded list, page by page. */
  async list<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0; ; page++) {
      const batch = await this.get<T[]>(path, { ...query, page, pageSize: this.pageSize });
      if (!Array.isArray(batch)) throw new KitosSourceError(`KITOS answered ${path} with something else than a list`);
      items.push(...batch);
      if (batch.length < this.pageSize) return items;
    }
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.signal,
      });
    } catch (error) {
      throw new KitosSourceError(`KITOS could not be reached at ${this.base} (${(error as Error).message})`);
    }
    const text = await response.text().catch((error: Error) => {
      throw new KitosSourceError(`KITOS broke off its answer to ${method} ${path.split('?')[0]} (${error.message})`);
    });
    if (!response.ok) {
      const what = STATUS_TEXT[response.status] ?? 'failed';
      throw new KitosSourceError(`KITOS ${what}: ${method} ${path.split('?')[0]} answered ${response.status}`, response.status);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KitosSourceError(`KITOS answered ${method} ${path.split('?')[0]} with something else than JSON`);
    }
  }
}
