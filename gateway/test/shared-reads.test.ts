import { SharedReads } from '../subscriptions/shared-reads';

/** A read that answers when told to, counting how often it was started. */
function controlledRead<T>() {
  let started = 0;
  const pending: Array<(value: T) => void> = [];
  return {
    read: () => {
      started++;
      return new Promise<T>((resolve) => pending.push(resolve));
    },
    answer: (value: T) => pending.splice(0).forEach((resolve) => resolve(value)),
    started: () => started,
  };
}

describe('SharedReads', () => {
  const live = () => new AbortController().signal;

  it('runs one read for callers with the same key and gives each its answer', async () => {
    const reads = new SharedReads<string>();
    const source = controlledRead<string>();
    const answers = Promise.all([1, 2, 3].map(() => reads.run('scope|cursor|7', source.read, live())));
    source.answer('page');
    expect(await answers).toEqual(['page', 'page', 'page']);
    expect(source.started()).toBe(1);
  });

  it('never shares across keys (another scope, cursor or head generation reads for itself)', async () => {
    const reads = new SharedReads<string>();
    const source = controlledRead<string>();
    const answers = Promise.all(['admin|c1|7', 'anonymous|c1|7', 'admin|c2|7', 'admin|c1|8'].map((key) => reads.run(key, source.read, live())));
    expect(source.started()).toBe(4);
    source.answer('page');
    await answers;
  });

  it('reads afresh once the shared read has settled (answers are never kept)', async () => {
    const reads = new SharedReads<number>();
    let calls = 0;
    expect(await reads.run('k', async () => ++calls, live())).toBe(1);
    expect(await reads.run('k', async () => ++calls, live())).toBe(2);
    expect(reads.size).toBe(0);
  });

  it('lets a caller who leaves stop waiting at once while the others still get the answer', async () => {
    const reads = new SharedReads<string>();
    const source = controlledRead<string>();
    const leaving = new AbortController();
    const left = reads.run('k', source.read, leaving.signal);
    const staying = reads.run('k', source.read, live());
    leaving.abort(new Error('unsubscribed'));
    await expect(left).rejects.toThrow('unsubscribed');
    source.answer('page');
    expect(await staying).toBe('page');
    expect(source.started()).toBe(1);
  });

  it('gives every caller the failure of a failed read, and the next caller a new read', async () => {
    const reads = new SharedReads<string>();
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('gateway unreachable');
    };
    await expect(Promise.all([reads.run('k', failing, live()), reads.run('k', failing, live())])).rejects.toThrow('gateway unreachable');
    expect(calls).toBe(1);
    expect(await reads.run('k', async () => 'page', live())).toBe('page');
  });
});
