import { and, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { OrganizationModel } from '../models';

const { organizations } = schema;
type ProgrammesDb = Db<typeof schema>;

export interface OrganizationFilter {
  search?: string | null;
  kinds?: OrganizationModel['kind'][] | null;
  parentId?: string | null;
  synthetic?: boolean | null;
}

export function organizationsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<OrganizationModel[]> {
  return db
    .select()
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

function filterCondition(filter: OrganizationFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.search ? like(organizations.searchText, likePattern(filter.search)) : undefined,
    filter.kinds?.length ? inArray(organizations.kind, filter.kinds) : undefined,
    filter.parentId ? eq(organizations.parentId, filter.parentId) : undefined,
    filter.synthetic != null ? eq(organizations.synthetic, filter.synthetic) : undefined,
  );
}

export function listOrganizations(db: ProgrammesDb, args: ConnectionArgs, filter?: OrganizationFilter | null) {
  const where = filterCondition(filter);
  return tableConnection(db, {
    table: organizations,
    rows: db.select().from(organizations).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: organizations.nameVi, value: (row) => row.nameVi },
      { column: organizations.id, value: (row) => row.id },
    ],
  });
}
