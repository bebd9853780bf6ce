import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { DatasetAccessGrantModel } from '../models';

const { datasetAccessGrants } = schema;
type CatalogueDb = Db<typeof schema>;
type NewGrant = typeof datasetAccessGrants.$inferInsert;

/** Whether a grant applies on `today` (Vietnam `YYYY-MM-DD`): not revoked, and not past its last day. */
export function isGrantActive(grant: Pick<DatasetAccessGrantModel, 'revokedAt' | 'expiresOn'>, today: string): boolean {
  return grant.revokedAt === null && (grant.expiresOn === null || grant.expiresOn >= today);
}

/** The organisations holding an active grant, in id order. */
export function activeGrantees(grants: readonly DatasetAccessGrantModel[], today: string): string[] {
  return grants
    .filter((grant) => isGrantActive(grant, today))
    .map((grant) => grant.organizationId)
    .sort();
}

/** The grants not revoked of these datasets (expired ones included: whether they apply depends on the day). */
export function unrevokedGrantsOfDatasets(db: CatalogueDb, datasetIds: readonly string[]): Promise<DatasetAccessGrantModel[]> {
  return db
    .select()
    .from(datasetAccessGrants)
    .where(and(inArray(datasetAccessGrants.datasetId, [...datasetIds]), isNull(datasetAccessGrants.revokedAt)))
    .orderBy(asc(datasetAccessGrants.datasetId), desc(datasetAccessGrants.grantedAt), asc(datasetAccessGrants.id));
}

/** Every grant of these datasets, revoked ones included, newest first within each dataset. */
export function allGrantsOfDatasets(db: CatalogueDb, datasetIds: readonly string[]): Promise<DatasetAccessGrantModel[]> {
  return db
    .select()
    .from(datasetAccessGrants)
    .where(inArray(datasetAccessGrants.datasetId, [...datasetIds]))
    .orderBy(asc(datasetAccessGrants.datasetId), desc(datasetAccessGrants.grantedAt), asc(datasetAccessGrants.id));
}

export function grantsByIds(db: CatalogueDb, ids: readonly string[]): Promise<DatasetAccessGrantModel[]> {
  return db
    .select()
    .from(datasetAccessGrants)
    .where(inArray(datasetAccessGrants.id, [...ids]));
}

/** The grant in force (not revoked) of one dataset to one organisation, locked for a write. */
export async function lockUnrevokedGrant(tx: CatalogueDb, datasetId: string, organizationId: string): Promise<DatasetAccessGrantModel | null> {
  const [grant] = await tx
    .select()
    .from(datasetAccessGrants)
    .where(and(eq(datasetAccessGrants.datasetId, datasetId), eq(datasetAccessGrants.organizationId, organizationId), isNull(datasetAccessGrants.revokedAt)))
    .for('update')
    .limit(1);
  return grant ?? null;
}

export async function insertGrant(tx: CatalogueDb, row: NewGrant): Promise<DatasetAccessGrantModel> {
  const [grant] = await tx.insert(datasetAccessGrants).values(row).returning();
  return grant!;
}

/** Sets a grant's columns (renewed terms, revocation) and moves its version; the row as written. */
export async function updateGrant(tx: CatalogueDb, id: string, columns: Partial<NewGrant> & { updatedAt: Date }): Promise<DatasetAccessGrantModel> {
  const [grant] = await tx
    .update(datasetAccessGrants)
    .set({ ...columns, version: sql`${datasetAccessGrants.version} + 1` })
    .where(eq(datasetAccessGrants.id, id))
    .returning();
  return grant!;
}
