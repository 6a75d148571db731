/**
 * docs/operations.md lets an operator deploy without reading the code: it documents every variable a process
 * reads (with the default the code uses), every Secret the prod overlay expects, and the commands to start it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, overlayObjects, serviceNames, variablesOf, type Json } from './support';

const DOC = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');

/** Rows of the configuration reference table: variable → its cells. */
function referenceTable(): Map<string, string[]> {
  const start = DOC.indexOf('## Configuration reference');
  const end = DOC.indexOf('\n## ', start + 1);
  const rows = new Map<string, string[]>();
  for (const line of DOC.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, cells.slice(2, -1));
  }
  return rows;
}

describe('docs/operations.md', () => {
  it('documents every variable every process reads, with the default the code uses', () => {
    const table = referenceTable();
    const problems: string[] = [];
    for (const service of serviceNames()) {
      for (const variable of variablesOf(service)) {
        const row = table.get(variable.name);
        if (!row) problems.push(`${variable.name} (${service}) is not in the configuration reference`);
        else if (row.length < 4 || row.some((cell) => !cell)) problems.push(`${variable.name}: incomplete row`);
        else if (
          !['HTTP_PORT', 'MONGODB_DATABASE'].includes(variable.name) &&
          variable.defaultValue &&
          !row[0].includes(variable.defaultValue)
        ) {
          problems.push(`${variable.name}: documented default "${row[0]}" is not the code's "${variable.defaultValue}"`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(table.has('NODE_OPTIONS')).toBe(true);
  });

  it('lists every Secret the prod overlay references and does not render', () => {
    const objects = overlayObjects('prod');
    const names = new Set<string>();
    const collect = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const value = node as Json;
      if (value.secretKeyRef?.name) names.add(value.secretKeyRef.name);
      if (value.secretRef?.name) names.add(value.secretRef.name);
      if (value.secret?.secretName) names.add(value.secret.secretName);
      if (typeof value.secretName === 'string') names.add(value.secretName);
      Object.values(value).forEach(collect);
    };
    objects.forEach(collect);
    const rendered = new Set(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name));
    const missing = [...names].filter((name) => !rendered.has(name) && !DOC.includes(`\`${name}\``));
    expect(names.size).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('gives the commands to start it and where Swagger UI is', () => {
    expect(DOC).toContain('kubectl apply -k k8s/overlays/prod');
    expect(DOC).toContain('docker compose up -d --build');
    expect(DOC).toContain('http://localhost:8080/api/docs');
    expect(DOC).toMatch(/mongodump/);
    expect(DOC).toMatch(/nats --server \S+ stream backup/);
  });
});
