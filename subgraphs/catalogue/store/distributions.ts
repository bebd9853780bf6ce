import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { DistributionModel } from '../models';

const { distributions } = schema;
type CatalogueDb = Db<typeof schema>;
type NewDistribution = typeof distributions.$inferInsert;

/** The distributions of these datasets, in their order within each dataset. */
export function distributionsOfDatasets(db: CatalogueDb, datasetIds: readonly string[]): Promise<DistributionModel[]> {
  return db
    .select()
    .from(distributions)
    .where(inArray(distributions.datasetId, [...datasetIds]))
    .orderBy(asc(distributions.datasetId), asc(distributions.position));
}

export function distributionsByIds(db: CatalogueDb, ids: readonly string[]): Promise<DistributionModel[]> {
  return db
    .select()
    .from(distributions)
    .where(inArray(distributions.id, [...ids]));
}

// ---------------------------------------------------------------------------------------------
// Writes (writes/distributions.ts): every statement that changes a distribution

/** Re-reads a distribution under lock once its dataset is locked (datasets first, always: no deadlock). */
export async function lockDistributionOfDataset(tx: CatalogueDb, id: string, datasetId: string): Promise<DistributionModel | undefined> {
  const [distribution] = await tx
    .select()
    .from(distributions)
    .where(and(eq(distributions.id, id), eq(distributions.datasetId, datasetId)))
    .for('update')
    .limit(1);
  return distribution;
}

/** The position after a dataset's last distribution (0 for its first). */
export async function nextPosition(tx: CatalogueDb, datasetId: string): Promise<number> {
  const [last] = await tx
    .select({ position: max(distributions.position) })
    .from(distributions)
    .where(eq(distributions.datasetId, datasetId));
  return (last?.position ?? -1) + 1;
}

export async function insertDistributions(tx: CatalogueDb, rows: readonly NewDistribution[]): Promise<DistributionModel[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(distributions)
    .values([...rows])
    .returning();
}

/** Sets a distribution's columns and moves its version; the row as written. */
export async function updateDistributionRow(tx: CatalogueDb, id: string, columns: Partial<NewDistribution>): Promise<DistributionModel> {
  const [distribution] = await tx
    .update(distributions)
    .set({ ...columns, version: sql`${distributions.version} + 1`, updatedAt: new Date() })
    .where(eq(distributions.id, id))
    .returning();
  return distribution!;
}

export async function deleteDistribution(tx: CatalogueDb, id: string): Promise<void> {
  await tx.delete(distributions).where(eq(distributions.id, id));
}
