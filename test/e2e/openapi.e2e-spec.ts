import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '../support/system';

const ROOT = join(__dirname, '../..');
const COMMITTED = join(ROOT, 'docs/openapi.json');
const CLIENT_TYPES = join(ROOT, 'libs/api-client/src/api-types.ts');

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: unknown;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
/** `type: object` that says nothing about its content: openapi-typescript makes it Record<string, never>. */
const isBareObject = (s: Schema | undefined) =>
  s?.type === 'object' && !s.properties && s.additionalProperties === undefined && !s.$ref && !s.allOf && !s.oneOf && !s.anyOf;

/**
 * The OpenAPI document is part of the product: a change to the API shows up as a change to docs/openapi.json in
 * review. `KITOS_UPDATE_OPENAPI=1 npm test -- test/e2e/openapi` rewrites it, and the typed client generated from it
 * (libs/api-client/src/api-types.ts), after a deliberate change.
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

  it('generates the committed typed client (openapi-typescript, as npm run openapi:check)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-types-'));
    try {
      const generated = join(dir, 'api-types.ts');
      execFileSync(join(ROOT, 'node_modules/.bin/openapi-typescript'), [COMMITTED, '-o', generated, '--default-non-nullable', 'false'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      const text = readFileSync(generated, 'utf8');
      if (process.env.KITOS_UPDATE_OPENAPI === '1') writeFileSync(CLIENT_TYPES, text);
      expect(readFileSync(CLIENT_TYPES, 'utf8') === text).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('types every property: no bare object', async () => {
    const served = (await (await fetch(`${system.gatewayUrl}/api/docs-json`)).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    const bare = Object.entries(served.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => isBareObject(property) || (property.type === 'array' && isBareObject(property.items)))
        .map(([property]) => `${name}.${property}`),
    );
    expect(bare).toEqual([]);
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
