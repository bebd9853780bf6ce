import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/programmes/db/schema.ts',
  out: './subgraphs/programmes/db/migrations',
  schemaFilter: ['programmes'],
});
