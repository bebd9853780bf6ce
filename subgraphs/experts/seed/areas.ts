import { stableId } from '../../kernel/platform/ids';
import { syntheticProvenance, type Provenance } from '../../kernel/reference/provenance';
import { SOURCE_ARTICLES, sourceProvenance } from '../../kernel/reference/sources';
import { searchText } from '../../kernel/platform/text';
import type * as schema from '../db/schema';
import { FOS_2007 } from './fos2007';
import { PRIORITY_AREA_CITATIONS, PRIORITY_AREAS } from './priority-areas';

export const areaId = (code: string): string => stableId('ExpertiseArea', code);

/** FOS 2007 is an OECD document, not a seed article. */
export const FOS_PROVENANCE: Provenance = {
  synthetic: false,
  sourceTitle: 'Revised Field of Science and Technology (FOS) Classification in the Frascati Manual',
  outlet: 'OECD',
  url: null,
  publishedOn: '2007-02-26',
  seed: null,
  note: null,
};

function fosProvenance(nationalCodes: string[], note: string | undefined): Provenance {
  const national = `Vietnamese name per QĐ 12/2008/QĐ-BKHCN (national code${nationalCodes.length > 1 ? 's' : ''} ${nationalCodes.join(', ')}).`;
  return { ...FOS_PROVENANCE, note: note ? `${national} ${note}` : national };
}

function priorityProvenance(code: string, seeds: string[] | null, quote: string | null, note: string | undefined): Provenance {
  if (!seeds?.length) {
    // Not in the seeds: a demo area, never shown as real.
    return syntheticProvenance(`Demo priority area: not in the seed articles. ${note ?? ''}`.trim());
  }
  const quoted = quote ? `Seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}: «${quote}»` : `Seeds ${seeds.join(', ')}.`;
  const citation = PRIORITY_AREA_CITATIONS[code];
  if (!citation) throw new Error(`Priority area ${code} has seeds but no citation`);
  const provenance = sourceProvenance(seeds[0]!, note ? `${quoted} ${note}` : quoted, { ...citation, alsoIn: seeds.slice(1) });
  // Every seed that names it must exist in the source set.
  for (const seed of seeds) if (!SOURCE_ARTICLES[seed]) throw new Error(`Unknown seed ${seed}`);
  return provenance;
}

type AreaRow = typeof schema.expertiseAreas.$inferInsert;

/** Both taxonomies as rows, parents before children. */
export function expertiseAreaRows(): AreaRow[] {
  const fos: AreaRow[] = FOS_2007.map((field, position) => ({
    id: areaId(field.code),
    scheme: 'FOS_2007',
    code: field.code,
    parentId: field.parent ? areaId(field.parent) : null,
    level: field.parent ? 2 : 1,
    position,
    nameVi: field.nameVi,
    nameEn: field.nameEn,
    nationalCodes: field.nationalCodes,
    relatedIds: [],
    note: field.note ?? null,
    searchText: searchText(field.code, field.nameVi, field.nameEn),
    synthetic: false,
    provenance: fosProvenance(field.nationalCodes, field.note),
  }));
  const priority: AreaRow[] = PRIORITY_AREAS.map((area, position) => ({
    id: areaId(area.code),
    scheme: 'PROGRAMME_PRIORITY',
    code: area.code,
    parentId: area.parent ? areaId(area.parent) : null,
    level: area.parent ? 2 : 1,
    position,
    nameVi: area.nameVi,
    nameEn: area.nameEn,
    nationalCodes: [],
    relatedIds: area.fos.map(areaId),
    note: area.note ?? null,
    searchText: searchText(area.code, area.nameVi, area.nameEn),
    synthetic: !area.seeds?.length,
    provenance: priorityProvenance(area.code, area.seeds, area.quote, area.note),
  }));
  return [...fos, ...priority];
}
