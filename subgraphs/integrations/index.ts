import path from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kernel/subgraph/definition';
import { apiKeyVerifyRoutes } from './routes/api-key-verify';
import * as schema from './db/schema';
import { headRoutes } from './routes/head';
import { ingestRoutes } from './routes/ingest';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { startRetention } from './feed/retention';
import { seed } from './seed';
import { workerEnabled } from './webhooks/config';
import { WebhookService } from './webhooks/service';
import { sampleChangeLogHead, sampleWebhookQueue } from '../kernel/platform/metrics';
import { headSequence } from './store/change-log';
import { unfinishedDeliveries } from './store/webhooks';

/**
 * Integrations: the global change log (replay) fed by every domain subgraph's outbox, signed
 * webhooks, API keys (checked here for the gateway) and the audit log of every write.
 */
export const integrations = defineSubgraph({
  name: 'integrations',
  typeDefs: loadTypeDefs(__dirname),
  resolvers,
  schema,
  migrationsFolder: path.join(__dirname, 'db', 'migrations'),
  createLoaders,
  seed,
  // Never "seeded": an empty log is its normal state.
  seedMarkerTable: 'integrations.change_log',
  routes: (router, db) => {
    ingestRoutes(router, db);
    headRoutes(router, db);
    apiKeyVerifyRoutes(router, db);
  },
  background: (db) => {
    const stopRetention = startRetention(db);
    // Read at each scrape (sti_change_log_head_sequence, sti_webhook_queue_depth).
    const unwatch = [sampleChangeLogHead('integrations', () => headSequence(db)), sampleWebhookQueue('integrations', () => unfinishedDeliveries(db))];
    // WEBHOOKS_WORKER=false: this instance serves the API only (another one delivers).
    const webhooks = workerEnabled() ? new WebhookService(db) : null;
    webhooks?.start();
    return async () => {
      for (const stop of unwatch) stop();
      await webhooks?.stop();
      await stopRetention();
    };
  },
});
