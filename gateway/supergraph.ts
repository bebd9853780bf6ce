import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { loggerFor } from '../subgraphs/kernel/platform/logger';

/**
 * Serves the checked-in supergraph to the gateway and hands it every new version written
 * to disk, so `npm run compose` takes effect without a restart. Polling (`watchFile`) is
 * used because it survives editors and scripts that replace the file instead of editing it.
 * A version that fails to load is logged and the gateway keeps serving the previous one.
 */
export function supergraphFromFile(filePath: string, pollMs = 500): SupergraphSdlHook {
  return async ({ update }) => {
    let current = readFileSync(filePath, 'utf8');
    const onChange = (now: Stats, before: Stats) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
      let next: string;
      try {
        next = readFileSync(filePath, 'utf8');
      } catch {
        return; // mid-replace; the next poll sees the new file
      }
      if (next.trim() === '' || next === current) return;
      try {
        update(next);
        current = next;
        loggerFor('gateway').info({ path: filePath }, 'reloaded the supergraph');
      } catch (error) {
        loggerFor('gateway').error({ err: error }, 'kept the previous supergraph');
      }
    };
    watchFile(filePath, { interval: pollMs }, onChange);
    return {
      supergraphSdl: current,
      cleanup: async () => unwatchFile(filePath, onChange),
    };
  };
}

/** A supergraph's SDL with each named subgraph's URL (`@join__graph(name:, url:)`) replaced, as `<NAME>_URL` does for our gateway. */
export function withSubgraphUrls(supergraphSdl: string, urls: Record<string, string>): string {
  let sdl = supergraphSdl;
  for (const [name, url] of Object.entries(urls)) sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`), `$1${url}`);
  return sdl;
}

/** The subgraph each URL of a supergraph belongs to (`@join__graph(name:, url:)`). */
export function subgraphNamesByUrl(supergraphSdl: string): Map<string, string> {
  return new Map([...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)].map(([, name, url]) => [url!, name!]));
}
