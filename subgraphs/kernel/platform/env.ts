/**
 * Reading configuration from the environment, in one place, so every subgraph and the
 * gateway name their variables the same way (`PROGRAMMES_PORT`, `PROGRAMMES_DATABASE_URL`, ...).
 */

// The graph never calls out to the internet at run time: no Apollo telemetry or reporting.
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

/** Default ports, so `npm start` needs no configuration. */
export const DEFAULT_PORTS: Record<string, number> = {
  gateway: 4000,
  programmes: 4001,
  startups: 4002,
  experts: 4003,
  catalogue: 4004,
  integrations: 4005,
};

/** `startups` -> `STARTUPS`: the prefix of a subgraph's own variables. */
export function envPrefix(subgraphName: string): string {
  return subgraphName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function readEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function readIntEnv(name: string, fallback: number): number {
  const raw = readEnv(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  }
  return value;
}

export function readBoolEnv(name: string, fallback: boolean): boolean {
  const raw = readEnv(name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export const isProduction = (): boolean => readEnv('NODE_ENV') === 'production';

/** A configuration mistake: start-up prints its message and exits, without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
