// Lint: the layering of the graph, held by a tool (issue: "layering the tools hold").
// - no import cycles;
// - the kernel imports no subgraph and no gateway; a subgraph imports no other subgraph;
// - a subgraph's store imports none of its loaders, resolvers or writes; its writes import none of its
//   seed, loaders or resolvers (writes stand on store, rules, validation and the kernel);
// - the gateway imports no subgraph, and of the kernel only its public parts (KERNEL_PUBLIC).
// Tests are exempt from the layering (they start whole graphs), not from the cycle rule.
// typescript-eslint's recommended rules catch the rest; formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const SUBGRAPHS = ['programmes', 'startups', 'experts', 'catalogue', 'integrations'];

/**
 * The kernel's concepts, each a folder of `subgraphs/kernel/`, lowest first. The platform
 * (database, servers' plumbing, env, errors, pagination, loaders, logs, metrics, traces, time)
 * knows nothing of who is calling or of the graph's reference data; identity and policy
 * (caller, roles, access policy, the signed caller assertion) and reference data (sources, seed
 * refs, provenance and record columns, currency and DCAT vocabularies) stand on the platform
 * and not on each other; `subgraph` (server, request context, peers, subscriptions, seeding,
 * the write path: locking, rows, outbox and relay, committed answers) puts the three together
 * to run one subgraph. Each folder imports only the folders its entry lists.
 */
export const KERNEL_LAYERS = {
  platform: [],
  identity: ['platform'],
  reference: ['platform'],
  subgraph: ['platform', 'identity', 'reference'],
};

/**
 * The kernel modules the gateway may import: identity and policy (who is calling, what they
 * may do, the signed assertion it forwards), the platform it serves on (env, errors, http,
 * shared store, limits), its operations side (logs, metrics, traces, request ids), the change
 * feed's replay-then-live loop it shares with the integrations subgraph, the seed refs and
 * DCAT vocabulary it publishes, and of `subgraph` only the server's shared parts and where
 * subgraphs answer. Databases, loaders, locking, the outbox and seed code stay the subgraphs' business.
 */
export const KERNEL_PUBLIC = [
  'identity/access-policy',
  'identity/assertion',
  'identity/caller',
  'platform/change-feed',
  'platform/env',
  'platform/errors',
  'platform/http',
  'platform/internal-paths',
  'platform/logger',
  'platform/metrics',
  'platform/once',
  'platform/operation-request',
  'platform/pagination',
  'platform/public-url',
  'platform/request-telemetry',
  'platform/shared-store',
  'platform/token-bucket',
  'platform/tracing',
  'reference/dcat',
  'reference/seed-refs',
  'subgraph/runtime',
  'subgraph/server',
];

/** `import-x/no-restricted-paths` zones: `target` may not import from `from`. */
export const layeringZones = [
  {
    target: './subgraphs/kernel',
    from: [
      './subgraphs/programmes',
      './subgraphs/startups',
      './subgraphs/experts',
      './subgraphs/catalogue',
      './subgraphs/integrations',
      './gateway',
      './scripts',
    ],
    message: 'The kernel imports no subgraph, gateway or script.',
  },
  ...Object.entries(KERNEL_LAYERS)
    .filter(([, mayImport]) => mayImport.length < Object.keys(KERNEL_LAYERS).length - 1)
    .map(([layer, mayImport]) => ({
      target: `./subgraphs/kernel/${layer}`,
      from: Object.keys(KERNEL_LAYERS)
        .filter((other) => other !== layer && !mayImport.includes(other))
        .map((other) => `./subgraphs/kernel/${other}`),
      message: `The kernel's ${layer} imports only ${mayImport.length ? mayImport.join(', ') : 'itself'} (KERNEL_LAYERS in eslint.config.mjs).`,
    })),
  {
    target: './gateway',
    from: './subgraphs/kernel',
    except: KERNEL_PUBLIC.map((module) => `./${module}.ts`),
    message: "The gateway imports only the kernel's public parts (KERNEL_PUBLIC in eslint.config.mjs).",
  },
  {
    target: './gateway',
    from: SUBGRAPHS.map((name) => `./subgraphs/${name}`),
    message: 'The gateway reaches subgraphs over HTTP only, never by import.',
  },
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}`,
    from: [...SUBGRAPHS.filter((other) => other !== name).map((other) => `./subgraphs/${other}`), './gateway', './scripts'],
    except: [],
    message: 'A subgraph learns about other subgraphs only through federation, never by import.',
  })),
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}/store`,
    from: [`./subgraphs/${name}/loaders.ts`, `./subgraphs/${name}/resolvers`],
    message: 'The store owns SQL; it does not import loaders or resolvers.',
  })),
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}/store`,
    from: [`./subgraphs/${name}/writes`, `./subgraphs/${name}/providers`],
    message: 'The store is below the writes: it does not import them (writes call the store).',
  })),
  ...SUBGRAPHS.flatMap((name) =>
    [`./subgraphs/${name}/providers`, `./subgraphs/${name}/writes`].map((target) => ({
      target,
      from: `./subgraphs/${name}/seed`,
      message: 'Writes do not import seed code.',
    })),
  ),
  // Writes stand on the store, rules, validation and the kernel; what reads for a request sits above them.
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}/writes`,
    from: [`./subgraphs/${name}/loaders.ts`, `./subgraphs/${name}/resolvers`],
    message: 'Writes do not import loaders or resolvers: resolvers call writes, not the other way.',
  })),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '**/generated/**',
      '.data/**',
      'coverage/**',
      'bench/results/**',
      'examples/typed-client/src/gql/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads no .ts module behind an import, and no-cycle sees no cycle.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests drive a subgraph through the whole graph, so they may start the others.
    files: ['**/*.ts'],
    ignores: ['**/test/**', '**/testing/**', '**/testing.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layeringZones }] },
  },
);
