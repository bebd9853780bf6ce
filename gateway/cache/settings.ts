import { readBoolEnv, readIntEnv } from '../../subgraphs/kernel/platform/env';

/** How the gateway shares work between identical requests; each unset field comes from its variable. */
export interface WorkSharingSettings {
  /** Identical concurrent subgraph fetches of the same access scope share one (`SUBGRAPH_DEDUP`, default on). */
  dedup: boolean;
  /** Anonymous queries' answers are cached until a change evicts them (`RESPONSE_CACHE`, default on). */
  responseCache: boolean;
  /** `RESPONSE_CACHE_MAX_ENTRIES` (default 10000). */
  maxEntries: number;
  /** `RESPONSE_CACHE_MAX_MB` (default 64), as bytes. */
  maxBytes: number;
  /** `RESPONSE_CACHE_TTL_SECONDS` (default 300): also bounds what changes without an event (time, data loaded outside the API). */
  ttlSeconds: number;
  /** `PUBLIC_MAX_AGE_SECONDS` (default 5): `Cache-Control: public, max-age=N` on public answers; 0 = `no-store` on everything. */
  publicMaxAgeSeconds: number;
}

export function resolveWorkSharing(given: Partial<WorkSharingSettings> = {}): WorkSharingSettings {
  return {
    dedup: given.dedup ?? readBoolEnv('SUBGRAPH_DEDUP', true),
    responseCache: given.responseCache ?? readBoolEnv('RESPONSE_CACHE', true),
    maxEntries: given.maxEntries ?? readIntEnv('RESPONSE_CACHE_MAX_ENTRIES', 10_000),
    maxBytes: given.maxBytes ?? readIntEnv('RESPONSE_CACHE_MAX_MB', 64) * 1024 * 1024,
    ttlSeconds: given.ttlSeconds ?? readIntEnv('RESPONSE_CACHE_TTL_SECONDS', 300),
    publicMaxAgeSeconds: given.publicMaxAgeSeconds ?? readIntEnv('PUBLIC_MAX_AGE_SECONDS', 5),
  };
}
