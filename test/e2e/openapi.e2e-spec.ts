import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '../support/system';

const COMMITTED = join(__dirname, '../../docs/openapi.json');

/**
 * The OpenAPI document is part of the product: a change to the API shows up as a change to docs/openapi.json in
 * review. `KITOS_UPDATE_OPENAPI=1 npm test -- test/e2e/openapi` rewrites it after a deliberate change.
 */
describe('the OpenAPI document', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ services: [] });
  });
  afterAll(() => system?.close());

  it('served at /api/docs-json equals the committed docs/openapi.json', async () => {
    const served = (await (await fetch(`${system.gatewayUrl}/api/docs-json`)).json()) as Record<string, unknown>;
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.KITOS_UPDATE_OPENAPI === '1') writeFileSync(COMMITTED, text);
    expect(JSON.parse(readFileSync(COMMITTED, 'utf8'))).toEqual(served);
  });

  it('documents every operation with a summary, its success response and problem responses', async () => {
    const served = (await (await fetch(`${system.gatewayUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
    };
    const operations = Object.entries(served.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, method, op } of operations) {
      expect({ path, method, summary: typeof op.summary }).toEqual({ path, method, summary: 'string' });
      const statuses = Object.keys(op.responses);
      expect({ path, method, success: statuses.some((s) => s.startsWith('2') || s.startsWith('3')) }).toEqual({
        path,
        method,
        success: true,
      });
      expect({ path, method, problems: statuses.some((s) => s.startsWith('4') || s.startsWith('5')) }).toEqual({
        path,
        method,
        problems: true,
      });
    }
  });
});
