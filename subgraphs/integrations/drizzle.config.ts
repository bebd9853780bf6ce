import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/integrations/db/schema.ts',
  out: './subgraphs/integrations/db/migrations',
  schemaFilter: ['integrations'],
});
