/**
 * The data's epoch: moves each time the graph's data is known to have changed (a mutation
 * answered through this gateway, change events read from the log). Work begun in an earlier
 * epoch is never shared with, or cached for, requests that begin later, so a client that
 * wrote never reads an answer computed before its write.
 */
export class DataEpoch {
  private value = 0;

  get current(): number {
    return this.value;
  }

  advance(): void {
    this.value++;
  }
}

/**
 * In-flight deduplication: while a fetch with a key runs, identical requests of the same
 * epoch wait for it instead of starting their own. The key decides who may share; see
 * SubgraphDataSource for what it holds (subgraph, query, variables, caller's access scope).
 */
export class InFlightFetches<T> {
  private readonly running = new Map<string, { epoch: number; result: Promise<T> }>();
  /** Fetches started, and requests that waited for another's (for tests and the benchmark). */
  readonly counts = { started: 0, joined: 0 };

  run(key: string, epoch: number, fetch: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current && current.epoch === epoch) {
      this.counts.joined++;
      return current.result;
    }
    const entry = { epoch, result: fetch() };
    this.running.set(key, entry);
    this.counts.started++;
    const forget = () => {
      if (this.running.get(key) === entry) this.running.delete(key);
    };
    entry.result.then(forget, forget);
    return entry.result;
  }
}
