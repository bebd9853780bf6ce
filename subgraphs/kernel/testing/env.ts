import { setLogLevel } from '../platform/logger';

// Jest setup: the graph never calls out, and expected warnings stay out of test output.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
// The graph's log lines too (this process only: scripts a test starts log as configured).
if (!process.env.TEST_VERBOSE && !process.env.LOG_LEVEL) setLogLevel('error');
if (!process.env.TEST_VERBOSE) {
  const quiet = () => undefined;
  console.log = quiet;
  console.info = quiet;
  console.warn = quiet;
}
// Webhook delivery polls its database every second; that would blur statement counts in
// N+1 tests. Webhook tests run their own worker with a fake clock instead.
process.env.WEBHOOKS_WORKER ??= 'false';
