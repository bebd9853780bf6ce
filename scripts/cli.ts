import { ConfigError } from '../subgraphs/kernel/platform/env';
import { loggerFor } from '../subgraphs/kernel/platform/logger';
import { stopTracing } from '../subgraphs/kernel/platform/tracing';

/**
 * Runs a script's main function: a configuration mistake (taken port, bad variable) prints
 * one clear line and exits 1; anything else prints the error and exits 1.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
    } else {
      loggerFor('process').fatal({ err: error }, 'could not start');
    }
    process.exit(1);
  });
}

/** Calls `stop` once on SIGINT or SIGTERM, then exits. A second signal exits at once. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    loggerFor('process').info({ signal }, 'draining requests and closing databases');
    stop()
      .then(stopTracing) // sends the spans still buffered
      .then(
        () => process.exit(0),
        (error: unknown) => {
          loggerFor('process').error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
