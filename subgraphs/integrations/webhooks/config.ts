import { readBoolEnv, readEnv, readIntEnv, isProduction, ConfigError } from '../../kernel/platform/env';

/** How webhook delivery behaves; every value can be set by environment variable. */
export interface WebhookConfig {
  /** Waits before attempts 2, 3, ... in ms; the last one repeats until `retryWindowMs` is used up. */
  retryScheduleMs: number[];
  /** How long after its first attempt a delivery is still retried (default 3 days). */
  retryWindowMs: number;
  /** Each attempt's HTTP timeout (default 15 s). */
  timeoutMs: number;
  /** Whether loopback, private and link-local targets are allowed (default: outside production). */
  allowPrivateTargets: boolean;
  /** How long the previous secret keeps signing after a rotation (default 24 h). */
  rotationGraceMs: number;
  /** How often a worker looks for due deliveries (default 1 s). */
  pollIntervalMs: number;
  /** Deliveries a worker sends at once. */
  batchSize: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY_SCHEDULE_MS = [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR];

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  retryScheduleMs: DEFAULT_RETRY_SCHEDULE_MS,
  retryWindowMs: 72 * HOUR,
  timeoutMs: 15 * SECOND,
  allowPrivateTargets: false,
  rotationGraceMs: 24 * HOUR,
  pollIntervalMs: SECOND,
  batchSize: 20,
};

function readScheduleEnv(name: string): number[] | undefined {
  const raw = readEnv(name);
  if (raw === undefined) return undefined;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new ConfigError(`${name} must be a comma-separated list of whole seconds, got "${raw}"`);
  }
  return values.map((seconds) => seconds * SECOND);
}

/** Reads the configuration (re-read on each call: tests and operators may change it). */
export function webhookConfigFromEnv(): WebhookConfig {
  return {
    retryScheduleMs: readScheduleEnv('WEBHOOKS_RETRY_SCHEDULE_SECONDS') ?? DEFAULT_RETRY_SCHEDULE_MS,
    retryWindowMs: readIntEnv('WEBHOOKS_RETRY_HOURS', 72) * HOUR,
    timeoutMs: readIntEnv('WEBHOOKS_TIMEOUT_MS', 15 * SECOND),
    allowPrivateTargets: allowPrivateTargets(),
    rotationGraceMs: readIntEnv('WEBHOOKS_ROTATION_GRACE_HOURS', 24) * HOUR,
    pollIntervalMs: readIntEnv('WEBHOOKS_POLL_MS', SECOND),
    batchSize: DEFAULT_WEBHOOK_CONFIG.batchSize,
  };
}

/** Production refuses private targets unless WEBHOOKS_ALLOW_PRIVATE_TARGETS=true; development allows them. */
export function allowPrivateTargets(): boolean {
  return readBoolEnv('WEBHOOKS_ALLOW_PRIVATE_TARGETS', !isProduction());
}

/** Whether this process runs the fan-out and delivery loops (WEBHOOKS_WORKER, default true). */
export function workerEnabled(): boolean {
  return readBoolEnv('WEBHOOKS_WORKER', true);
}
