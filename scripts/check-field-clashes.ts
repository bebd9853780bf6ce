import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { findFieldClashes } from '../gateway/field-clashes';
import { runMain } from './cli';

/**
 * `npm run schema:clashes`: fails when two members of a union or interface of the client
 * schema have a field of one name with types a client cannot select side by side
 * (gateway/field-clashes.ts), the error graphql-codegen reports as "Fields … conflict".
 */
const API = path.resolve(__dirname, '..', 'schema', 'api.graphql');

runMain(async () => {
  const clashes = findFieldClashes(buildSchema(readFileSync(API, 'utf8')));
  for (const clash of clashes) {
    const types = Object.entries(clash.types).map(([type, members]) => `${type} on ${members.join(', ')}`);
    console.error(`${clash.path}: ${types.join('; ')}`);
  }
  if (clashes.length > 0) throw new Error(`${clashes.length} field name(s) clash across the members of a union or interface of schema/api.graphql`);
  console.log('No field clashes across unions and interfaces of schema/api.graphql');
});
