import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType } from 'graphql';
import { runMain } from './cli';

/**
 * `npm run schema:descriptions`: fails when a type, field, argument, input field or enum value
 * of the client schema (schema/api.graphql) has no description. The schema is the product:
 * frontend teams read it in their tools, so nothing in it is left unexplained.
 */
const API = path.resolve(__dirname, '..', 'schema', 'api.graphql');

runMain(async () => {
  const schema = buildSchema(readFileSync(API, 'utf8'));
  const missing: string[] = [];
  const need = (description: string | null | undefined, where: string) => {
    if (!description?.trim()) missing.push(where);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    need(type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) need(arg.description, `${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) need(field.description, `${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) need(value.description, `${type.name}.${value.name}`);
    }
  }
  if (missing.length) {
    console.error(`schema/api.graphql: ${missing.length} without a description:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
  console.log('schema/api.graphql: everything is described');
});
