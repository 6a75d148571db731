import type { HttpResult } from '../../support/system';

type Problem = { errors?: Array<{ field: string }> };

/** A KITOS status code answered as a problem+json body, naming `field` when given. */
export function expectProblem(result: HttpResult<unknown>, status: number, field?: string): void {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
}

/** The uuids of a 200 list answer, in its order. */
export function uuidsOf(result: HttpResult<Array<{ uuid: string }>>): string[] {
  expect(result.status).toBe(200);
  return result.body.map((x) => x.uuid);
}
