import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { openDatabase } from '../platform/db';
import { seedIfEmpty } from '../subgraph/seed';
import { programmes } from '../../programmes';
import * as schema from '../../programmes/db/schema';

describe('embedded database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sti-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data across a restart; migrations and seeding are idempotent', async () => {
    const open = () => openDatabase({ name: 'programmes', schema, migrationsFolder: programmes.migrationsFolder, dataDir });
    const first = await open();
    await first.migrate();
    expect(await seedIfEmpty(programmes, first)).toBe(true);
    const [before] = await first.db.select({ n: count() }).from(schema.organizations);
    await first.close();

    const second = await open();
    await second.migrate(); // applies nothing new, fails on nothing
    expect(await seedIfEmpty(programmes, second)).toBe(false);
    const [after] = await second.db.select({ n: count() }).from(schema.organizations);
    await second.close();
    expect(before!.n).toBeGreaterThan(0);
    expect(after!.n).toBe(before!.n);
  });
});
