import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The lint config holds the layering (eslint.config.mjs): each case lints a throwaway file
 * that breaks one rule and expects the error, so a config that stops catching a breach fails
 * here, and `npm run lint` (in `npm run check`) fails CI on the same breach in the code.
 * Layering cases are linted as text at a path inside the repository (nothing is written to it);
 * a cycle needs both files on disk, so it lives in a temporary directory.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'eslint.config.mjs');

interface Finding {
  ruleId: string | null;
  message: string;
}

async function lint(relativePath: string, code: string, cwd = ROOT): Promise<Finding[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: CONFIG });
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, relativePath), warnIgnored: true });
  return result!.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

const LAYERING = 'import-x/no-restricted-paths';

describe('layering', () => {
  it.each([
    [
      'a store importing its loaders',
      'subgraphs/catalogue/store/lint-probe.ts',
      `import type { Loaders } from '../loaders';\nexport type Probe = Loaders;\n`,
      'does not import loaders or resolvers',
    ],
    [
      'a store importing a resolver',
      'subgraphs/programmes/store/lint-probe.ts',
      `import { Query } from '../resolvers/Query';\nexport const probe = Query;\n`,
      'does not import loaders or resolvers',
    ],
    [
      'providers importing seed code',
      'subgraphs/catalogue/providers/lint-probe.ts',
      `import { writeCatalogue } from '../seed/records';\nexport const probe = writeCatalogue;\n`,
      'Writes do not import seed code',
    ],
    [
      'writes importing seed code',
      'subgraphs/startups/writes/lint-probe.ts',
      `import { seed } from '../seed';\nexport const probe = seed;\n`,
      'Writes do not import seed code',
    ],
    [
      'experts writes importing seed code',
      'subgraphs/experts/writes/lint-probe.ts',
      `import { seed } from '../seed';\nexport const probe = seed;\n`,
      'Writes do not import seed code',
    ],
    [
      'writes importing the loaders',
      'subgraphs/programmes/writes/lint-probe.ts',
      `import type { Loaders } from '../loaders';\nexport type Probe = Loaders;\n`,
      'Writes do not import loaders or resolvers',
    ],
    [
      'writes importing a resolver',
      'subgraphs/startups/writes/lint-probe.ts',
      `import { Mutation } from '../resolvers/Mutation';\nexport const probe = Mutation;\n`,
      'Writes do not import loaders or resolvers',
    ],
    [
      'a store importing writes',
      'subgraphs/startups/store/lint-probe.ts',
      `import { write } from '../writes/writer';\nexport const probe = write;\n`,
      'does not import them',
    ],
    [
      'an experts store importing writes',
      'subgraphs/experts/store/lint-probe.ts',
      `import { write } from '../writes/writer';\nexport const probe = write;\n`,
      'does not import them',
    ],
    [
      'a subgraph importing another',
      'subgraphs/startups/lint-probe.ts',
      `import * as schema from '../programmes/db/schema';\nexport const probe = schema;\n`,
      'only through federation',
    ],
    [
      'the kernel importing a subgraph',
      'subgraphs/kernel/reference/lint-probe.ts',
      `import * as schema from '../../experts/db/schema';\nexport const probe = schema;\n`,
      'The kernel imports no subgraph',
    ],
    [
      'the kernel importing the gateway',
      'subgraphs/kernel/subgraph/lint-probe.ts',
      `import { gatewayConfigFromEnv } from '../../../gateway/config';\nexport const probe = gatewayConfigFromEnv;\n`,
      'The kernel imports no subgraph',
    ],
    [
      "the kernel's platform importing identity",
      'subgraphs/kernel/platform/lint-probe.ts',
      `import type { Caller } from '../identity/caller';\nexport type Probe = Caller;\n`,
      "The kernel's platform imports only itself",
    ],
    [
      "the kernel's platform importing reference data",
      'subgraphs/kernel/platform/lint-probe.ts',
      `import type { Provenance } from '../reference/provenance';\nexport type Probe = Provenance;\n`,
      "The kernel's platform imports only itself",
    ],
    [
      "the kernel's platform importing what runs a subgraph",
      'subgraphs/kernel/platform/lint-probe.ts',
      `import { serveSubgraph } from '../subgraph/server';\nexport const probe = serveSubgraph;\n`,
      "The kernel's platform imports only itself",
    ],
    [
      "the kernel's identity importing reference data",
      'subgraphs/kernel/identity/lint-probe.ts',
      `import type { Provenance } from '../reference/provenance';\nexport type Probe = Provenance;\n`,
      "The kernel's identity imports only platform",
    ],
    [
      "the kernel's identity importing what runs a subgraph",
      'subgraphs/kernel/identity/lint-probe.ts',
      `import type { RequestContext } from '../subgraph/context';\nexport type Probe = RequestContext;\n`,
      "The kernel's identity imports only platform",
    ],
    [
      "the kernel's reference data importing identity",
      'subgraphs/kernel/reference/lint-probe.ts',
      `import type { Caller } from '../identity/caller';\nexport type Probe = Caller;\n`,
      "The kernel's reference imports only platform",
    ],
    [
      'the gateway importing a private kernel module',
      'gateway/lint-probe.ts',
      `import { openDatabase } from '../subgraphs/kernel/platform/db';\nexport const probe = openDatabase;\n`,
      "only the kernel's public parts",
    ],
    [
      "the gateway importing the kernel's write path",
      'gateway/lint-probe.ts',
      `import { admitWrite } from '../subgraphs/kernel/subgraph/locking';\nexport const probe = admitWrite;\n`,
      "only the kernel's public parts",
    ],
    [
      'the gateway importing a subgraph',
      'gateway/auth/lint-probe.ts',
      `import * as schema from '../../subgraphs/integrations/db/schema';\nexport const probe = schema;\n`,
      'over HTTP only',
    ],
  ])('refuses %s', async (_case, file, code, message) => {
    const findings = await lint(file, code);
    expect(findings).toEqual([{ ruleId: LAYERING, message: expect.stringContaining(message) }]);
  });

  it("lets the gateway import the kernel's public parts and a store its own schema", async () => {
    expect(await lint('gateway/lint-probe.ts', `import type { Caller } from '../subgraphs/kernel/identity/caller';\nexport type Probe = Caller;\n`)).toEqual(
      [],
    );
    expect(await lint('subgraphs/catalogue/store/lint-probe.ts', `import * as schema from '../db/schema';\nexport const probe = schema;\n`)).toEqual([]);
  });

  it('lets writes import their store, rules, validation and the kernel', async () => {
    const code = [
      `import { hubsByIds } from '../store/hubs';`,
      `import { hubSearchText } from '../rules/search-text';`,
      `import { validateLocation } from '../validation';`,
      `import { assertAllowed } from '../../kernel/identity/access-policy';`,
      `export const probe = [hubsByIds, hubSearchText, validateLocation, assertAllowed];`,
    ].join('\n');
    expect(await lint('subgraphs/startups/writes/lint-probe.ts', `${code}\n`)).toEqual([]);
  });

  it("lets the kernel's identity and reference data stand on the platform, and a subgraph's runtime on all three", async () => {
    expect(await lint('subgraphs/kernel/identity/lint-probe.ts', `import { forbidden } from '../platform/errors';\nexport const probe = forbidden;\n`)).toEqual(
      [],
    );
    expect(await lint('subgraphs/kernel/reference/lint-probe.ts', `import { stableId } from '../platform/ids';\nexport const probe = stableId;\n`)).toEqual([]);
    const code = [
      `import { allows } from '../identity/access-policy';`,
      `import { recordColumns } from '../reference/columns';`,
      `import { badUserInput } from '../platform/errors';`,
      `export const probe = [allows, recordColumns, badUserInput];`,
    ].join('\n');
    expect(await lint('subgraphs/kernel/subgraph/lint-probe.ts', `${code}\n`)).toEqual([]);
  });

  it('lets tests start the whole graph', async () => {
    expect(
      await lint('subgraphs/startups/test/lint-probe.test.ts', `import * as schema from '../../programmes/db/schema';\nexport const probe = schema;\n`),
    ).toEqual([]);
  });
});

describe('import cycles', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'lint-cycle-'));
    writeFileSync(path.join(directory, 'first.ts'), `import { second } from './second';\nexport const first = (): number => second() + 1;\n`);
    writeFileSync(path.join(directory, 'second.ts'), `import { first } from './first';\nexport const second = (): number => first() * 2;\n`);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses two modules that import each other', async () => {
    const findings = await lint('first.ts', `import { second } from './second';\nexport const first = (): number => second() + 1;\n`, directory);
    expect(findings).toEqual([{ ruleId: 'import-x/no-cycle', message: expect.stringContaining('Dependency cycle') }]);
  });

  it('lets a module import one that is part of no cycle with it', async () => {
    writeFileSync(path.join(directory, 'leaf.ts'), `export const leaf = 1;\n`);
    expect(await lint('fourth.ts', `import { leaf } from './leaf';\nexport const fourth = leaf;\n`, directory)).toEqual([]);
  });
});
