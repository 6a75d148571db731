/**
 * One filter that requires every condition. Conditions whose keys do not collide are merged into one flat document
 * (`{ a: 1, b: 2 }` rather than `{ $and: [{ a: 1 }, { b: 2 }] }`): the two mean the same, but FerretDB pushes down
 * only a flat filter to its backend (docs/benchmarks.md, the back-to-back probe: an organisation's page on PostgreSQL
 * 1.2/s wrapped in `$and`, 10/s flat). A condition with a key already taken (two `$or`s, two conditions on one field) is kept in an `$and`.
 */
export function andFilter(conditions: readonly Record<string, unknown>[]): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const rest: Record<string, unknown>[] = [];
  for (const condition of conditions) {
    const keys = Object.keys(condition);
    if (!keys.length) continue;
    if (keys.some((key) => key in flat || key === '$and')) rest.push(condition);
    else Object.assign(flat, condition);
  }
  return rest.length ? { ...flat, $and: rest } : flat;
}
