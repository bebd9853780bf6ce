import type { Db } from '../../kernel/db';
import { organizationId } from '../../kernel/seed-refs';
import { sourceProvenance } from '../../kernel/sources';
import { searchText } from '../../kernel/text';
import * as schema from '../db/schema';
import { ORGANIZATIONS } from './organizations';

/** Seeds the real records of the programme (see `shared/domain.md`), each with its source. */
export async function seed(db: Db<typeof schema>): Promise<void> {
  await db.insert(schema.organizations).values(
    ORGANIZATIONS.map((org) => ({
      id: organizationId(org.key),
      nameVi: org.nameVi,
      nameEn: org.nameEn,
      shortName: org.shortName ?? null,
      kind: org.kind,
      parentId: org.parent ? organizationId(org.parent) : null,
      searchText: searchText(org.nameVi, org.nameEn, org.shortName),
      synthetic: false,
      provenance: sourceProvenance(org.seeds[0]!, `Named in seed article(s) ${org.seeds.join(', ')}.`),
    })),
  );
}
