/**
 * Retries `attempt` until it stops throwing, then returns what it returned; after `timeoutMs`
 * the last error is thrown. For conditions another process or a background job makes true a
 * moment later (tests wait on conditions, never on sleeps).
 */
export async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
