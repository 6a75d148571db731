import { GenerationCache } from './read-model-changes';

describe('GenerationCache', () => {
  const changes = { generation: 0 };
  let computed = 0;
  const compute = async () => ++computed;

  beforeEach(() => {
    changes.generation = 0;
    computed = 0;
  });

  it('computes a value once per generation and again after a change', async () => {
    const cache = new GenerationCache<number>(changes);
    expect([await cache.get('k', compute), await cache.get('k', compute)]).toEqual([1, 1]);
    changes.generation++;
    expect(await cache.get('k', compute)).toBe(2);
    expect(await cache.get('other', compute)).toBe(3);
  });

  it('shares one computation among concurrent requests', async () => {
    const cache = new GenerationCache<number>(changes);
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1, 1]);
  });

  it('keeps a value computed while the inputs changed only for the generation it started in', async () => {
    const cache = new GenerationCache<number>(changes);
    const slow = cache.get('k', async () => {
      changes.generation++; // a change lands while the value is computed from the older inputs
      return compute();
    });
    expect(await slow).toBe(1);
    expect(await cache.get('k', compute)).toBe(2);
  });

  it('does not keep a failure', async () => {
    const cache = new GenerationCache<number>(changes);
    await expect(cache.get('k', () => Promise.reject(new Error('store away')))).rejects.toThrow('store away');
    expect(await cache.get('k', compute)).toBe(1);
  });

  it('keeps at most its limit of keys, dropping the oldest', async () => {
    const cache = new GenerationCache<number>(changes, 2);
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('c', compute);
    expect(await cache.get('a', compute)).toBe(4);
    expect(await cache.get('c', compute)).toBe(3);
  });
});
