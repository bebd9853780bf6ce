import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/startups/db/schema.ts',
  out: './subgraphs/startups/db/migrations',
  schemaFilter: ['startups'],
});
