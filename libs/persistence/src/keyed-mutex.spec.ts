import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setImmediate(r));
const recording = (log: string[]) => (name: string) => async () => {
  log.push(`${name}:start`);
  await tick();
  log.push(`${name}:end`);
};

describe('KeyedMutex', () => {
  it('runs work for one key one at a time, in the order it was asked for', async () => {
    const sut = new KeyedMutex();
    const log: string[] = [];
    const job = recording(log);
    await Promise.all([sut.run('a', job('1')), sut.run('a', job('2')), sut.run('a', job('3'))]);
    expect(log).toEqual(['1:start', '1:end', '2:start', '2:end', '3:start', '3:end']);
  });

  it('lets work for different keys overlap', async () => {
    const sut = new KeyedMutex();
    const log: string[] = [];
    const job = recording(log);
    await Promise.all([sut.run('a', job('a')), sut.run('b', job('b'))]);
    expect(log.slice(0, 2)).toEqual(['a:start', 'b:start']);
  });

  it('goes on after a failure, passes the failure to its caller and forgets idle keys', async () => {
    const sut = new KeyedMutex();
    const failing = sut.run('a', async () => {
      throw new Error('boom');
    });
    const next = sut.run('a', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(sut.size).toBe(0);
  });
});
