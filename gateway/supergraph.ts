import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { loggerFor } from '../subgraphs/kernel/logger';

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
