import { randomBytes } from 'node:crypto';
import { openSharedStore, type SharedStore } from '../platform/shared-store';

/**
 * The redis-server tests may use: `TEST_REDIS_URL` (CI starts one, see .ci/run). Never
 * `REDIS_URL`, so a developer's own Redis is not written to by accident.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL?.trim() || undefined;

/**
 * `describe` for tests that need a real Redis: skipped, saying so in its title, without
 * TEST_REDIS_URL; under CI (CI=true) a missing TEST_REDIS_URL fails instead, so the tests
 * cannot pass by not running.
 */
export function describeWithRedis(name: string, body: (url: string) => void): void {
  if (TEST_REDIS_URL) return describe(name, () => body(TEST_REDIS_URL!));
  if (process.env.CI === 'true') {
    return describe(name, () =>
      it('has a redis-server (TEST_REDIS_URL)', () => {
        throw new Error('TEST_REDIS_URL is unset under CI: .ci/run must start redis-server and export it');
      }),
    );
  }
  describe.skip(`${name} (skipped: set TEST_REDIS_URL=redis://127.0.0.1:<port> to run)`, () => body(''));
}

/** A key prefix of its own, so test files running in parallel on one redis-server never meet. */
export function testRedisPrefix(): string {
  return `sti-test:${randomBytes(6).toString('hex')}:`;
}

/** A store on the test Redis under `prefix` (one per replica a test simulates; the test closes it). */
export function openTestRedisStore(url: string, prefix: string): Promise<SharedStore> {
  return openSharedStore({ url, prefix });
}
