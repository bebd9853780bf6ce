import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/catalogue/db/schema.ts',
  out: './subgraphs/catalogue/db/migrations',
  schemaFilter: ['catalogue'],
});
