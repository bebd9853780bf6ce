/**
 * Reads of the change log that subscribers of one access scope share. When the log's head
 * moves, every subscriber wakes and reads the page after its cursor; subscribers that send
 * the same credentials, operation and variables from the same cursor would each pay for the
 * same gateway request and get the same answer. Here they join one request instead, so the
 * cost of an event grows with the number of distinct scopes, not of subscribers.
 *
 * Safe to share because the key holds everything the answer depends on: the headers that
 * decide what a read may see (credentials; the subscriber's origin is left out, it only
 * feeds the audit log of writes), the query, its variables, the cursor, and the head's
 * generation when the read began. A subscriber woken by a newer generation never joins a
 * read begun before it, so it never misses an event a fresh read would have returned.
 */
export class SharedReads<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /**
   * The answer of `read()` for `key`: joins a read already under way with the same key, else
   * starts one. `read` must not depend on any one caller's lifetime (it is shared); a caller
   * who leaves stops waiting at once through `signal`, while the read goes on for the others.
   */
  async run(key: string, read: () => Promise<T>, signal: AbortSignal): Promise<T> {
    let shared = this.inFlight.get(key);
    if (!shared) {
      shared = read().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, shared);
    }
    return untilAborted(shared, signal);
  }

  /** Reads under way (for tests: how many distinct reads the subscribers' wake-ups made). */
  get size(): number {
    return this.inFlight.size;
  }
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
