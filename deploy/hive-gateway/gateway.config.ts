import { createRequire } from 'node:module';

/**
 * Hive Gateway imports its configuration as an ES module; the graph's modules are CommonJS
 * (they use `__dirname`), so the configuration itself (config.ts) is loaded as one.
 */
const require = createRequire(import.meta.url);
export const gatewayConfig = (require('./config') as typeof import('./config')).gatewayConfig;
