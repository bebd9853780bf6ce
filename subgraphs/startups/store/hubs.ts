import { and, arrayContains, eq, getTableColumns, inArray, like, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { InnovationHubModel } from '../models';
import { boundingBox, haversineKm, type GeoCircle } from './geo';

const { hubs } = schema;
type StartupsDb = Db<typeof schema>;

export interface HubFilter {
  search?: string | null;
  kinds?: Array<(typeof schema.HUB_KINDS)[number]> | null;
  statuses?: Array<(typeof schema.HUB_STATUSES)[number]> | null;
  district?: string | null;
  parentId?: string | null;
  operatorId?: string | null;
  focusSector?: (typeof schema.SECTORS)[number] | null;
  near?: GeoCircle | null;
  synthetic?: boolean | null;
}

export function hubsByIds(db: StartupsDb, ids: readonly string[]): Promise<InnovationHubModel[]> {
  return db
    .select()
    .from(hubs)
    .where(inArray(hubs.id, [...ids]));
}

export function hubsByParentIds(db: StartupsDb, parentIds: readonly string[]): Promise<InnovationHubModel[]> {
  return db
    .select()
    .from(hubs)
    .where(inArray(hubs.parentId, [...parentIds]))
    .orderBy(hubs.nameVi, hubs.id);
}

function filterCondition(filter: HubFilter | null | undefined, distance: SQL | undefined): SQL | undefined {
  if (!filter) return undefined;
  const near = filter.near;
  return and(
    filter.search ? like(hubs.searchText, likePattern(filter.search)) : undefined,
    filter.kinds?.length ? inArray(hubs.kind, filter.kinds) : undefined,
    filter.statuses?.length ? inArray(hubs.status, filter.statuses) : undefined,
    filter.district ? eq(hubs.district, filter.district) : undefined,
    filter.parentId ? eq(hubs.parentId, filter.parentId) : undefined,
    filter.operatorId ? eq(hubs.operatorId, filter.operatorId) : undefined,
    filter.focusSector ? arrayContains(hubs.focusSectors, [filter.focusSector]) : undefined,
    filter.synthetic != null ? eq(hubs.synthetic, filter.synthetic) : undefined,
    // The box uses the (latitude, longitude) index; the exact distance then trims its corners.
    near && distance ? and(boundingBox(hubs.latitude, hubs.longitude, near), lte(distance, near.radiusKm)) : undefined,
  );
}

/** Hubs by name, or nearest first when the filter has a point. */
export function listHubs(db: StartupsDb, args: ConnectionArgs, filter?: HubFilter | null) {
  const near = filter?.near;
  if (near) {
    const distance = haversineKm(hubs.latitude, hubs.longitude, near);
    const where = filterCondition(filter, distance);
    return tableConnection(db, {
      args,
      filter: where,
      table: hubs,
      rows: db
        .select({ ...getTableColumns(hubs), distanceKm: distance.mapWith(Number) })
        .from(hubs)
        .$dynamic(),
      sortKeys: [
        { column: distance, value: (row) => row.distanceKm },
        { column: hubs.id, value: (row) => row.id },
      ],
    });
  }
  const where = filterCondition(filter, undefined);
  return tableConnection(db, {
    args,
    filter: where,
    table: hubs,
    rows: db.select().from(hubs).$dynamic(),
    sortKeys: [
      { column: hubs.nameVi, value: (row) => row.nameVi },
      { column: hubs.id, value: (row) => row.id },
    ],
  });
}

/** Hubs `organizationId` operates, in `scope` (true: demo, false: real, null: both). */
export function listHubsOperatedBy(db: StartupsDb, organizationId: string, args: ConnectionArgs, scope: boolean | null) {
  return listHubs(db, args, { operatorId: organizationId, synthetic: scope });
}

type HubValues = typeof hubs.$inferInsert;

export function insertHub(tx: StartupsDb, values: HubValues): Promise<InnovationHubModel> {
  return insertRow(tx, hubs, values);
}

/** Writes `changes` to hub `id` and returns the row as written. */
export function saveHub(tx: StartupsDb, id: string, changes: Partial<HubValues>): Promise<InnovationHubModel> {
  return updateRowById(tx, hubs, id, changes);
}

/** The hub `id`, or null when there is none. */
export async function hubById(tx: StartupsDb, id: string): Promise<InnovationHubModel | null> {
  const [row] = await hubsByIds(tx, [id]);
  return row ?? null;
}
