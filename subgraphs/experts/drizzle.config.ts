import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/experts/db/schema.ts',
  out: './subgraphs/experts/db/migrations',
  schemaFilter: ['experts'],
});
