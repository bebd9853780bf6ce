import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for this example (`npm run example:codegen`): graphql-codegen's client preset
 * reads the graph's client schema and every `graphql(...)` call under src/, and writes a typed
 * `graphql()` function and the result and variable types to src/gql/.
 */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['examples/typed-client/src/**/*.ts', '!examples/typed-client/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'examples/typed-client/src/gql/': {
      preset: 'client',
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
