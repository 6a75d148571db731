import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '@kitos/api-client';

export type Schemas = components['schemas'];

/** RFC 7807 problem as the gateway answers it; `errors` names the offending fields (`field` is a JSON path like `general.name`). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string; code?: string }>;
  /** Quote it when reporting a problem: it identifies the request in every log. */
  correlationId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
  /** Someone else changed the object since it was read (If-Match did not match). */
  get isConflict(): boolean {
    return this.status === 412;
  }
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

type SessionHooks = { token: () => string | undefined; onExpired: () => void; language: () => string };
let hooks: SessionHooks = { token: () => undefined, onExpired: () => undefined, language: () => 'da' };

/** The session module tells the client where the token is and what to do when the gateway says it is no longer valid. */
export function connectSession(next: SessionHooks): void {
  hooks = next;
}

const session: Middleware = {
  onRequest({ request }) {
    const token = hooks.token();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept-language', hooks.language());
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && request.headers.has('authorization')) hooks.onExpired();
    return response;
  },
};

/** The typed API client (types generated from docs/openapi.json into @kitos/api-client). Same origin: the gateway serves the client. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });
api.use(session);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem (never a silent undefined). */
export async function unwrap<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await result;
  if (response.ok) return data as T;
  const problem = (error && typeof error === 'object' ? error : { title: response.statusText, status: response.status }) as Problem;
  throw new ApiError(response.status, { ...problem, status: problem.status ?? response.status });
}

/** Like unwrap, and also returns the ETag for a later If-Match. */
export async function unwrapWithEtag<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; etag: string | null }> {
  const settled = await result;
  const data = await unwrap(Promise.resolve(settled));
  return { data, etag: settled.response.headers.get('etag') };
}
