/**
 * Wraps a shutdown so that calling it again (a signal during shutdown, a test's cleanup after
 * it already stopped the server) waits for the same run instead of failing half-way.
 */
export function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= run());
}
