import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The README's GraphQL examples: its ```graphql blocks and the query its curl example sends. */
export function readmeOperations(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const curl = [...readme.matchAll(/-d '(\{"query":.*\})'/g)].map((match) => (JSON.parse(match[1]!) as { query: string }).query);
  return [...blocks, ...curl];
}

/** The README's example queries (its mutations left out). */
export function readmeQueries(): string[] {
  return readmeOperations().filter((operation) => !operation.trimStart().startsWith('mutation'));
}
