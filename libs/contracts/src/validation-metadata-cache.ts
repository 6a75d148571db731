import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<Lookup>;

const CACHED = Symbol.for('kitos.validationMetadataCache');

/**
 * Makes class-validator's metadata lookup cost a map read. class-validator 0.14 answers "the rules of class X" by
 * walking every decorated class of the process with an `instanceof` test (for inherited rules), on every validate call
 * and again for every nested object: with the few thousand DTO classes of @kitos/contracts this was the largest single
 * cost of an event's validation (published and consumed) and of an RPC's (bench/at-rest.sh profiles, docs/benchmarks.md).
 *
 * The answer depends only on the registered metadata, so it is kept per class and options, and everything kept is
 * dropped whenever metadata is registered (a class decorated later, a schema): the same answers as before, computed
 * once. Patches the process-wide storage once; later calls do nothing.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const patched = storage as MetadataStorage & { [CACHED]?: true };
  if (patched[CACHED]) return;
  patched[CACHED] = true;
  let cache = new Map<unknown, Map<string, Metadatas>>();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? '-'}`;
    let byOptions = cache.get(target);
    if (!byOptions) cache.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, targetSchema, always, strictGroups, groups)));
    // a copy: the caller owns what it gets, as before
    return found.slice();
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = (storage[method] as (...args: unknown[]) => void).bind(storage);
    (storage as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      cache = new Map();
      original(...args);
    };
  }
}
