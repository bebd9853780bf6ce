import { SYNTHETIC_COUNTS } from '../../kernel/reference/seed-refs';
import { foldForSearch } from '../../kernel/platform/text';
import { areaId } from '../seed/areas';
import { FOS_2007 } from '../seed/fos2007';
import { PRIORITY_AREAS } from '../seed/priority-areas';
import { generateExpert, type SyntheticExpert } from '../seed/synthetic-experts';

/**
 * The finder's documented relevance rule, computed in plain TypeScript from the generator's
 * records: the tests compare the database's answer with this independent reading.
 */
export const DEFAULT_EXPERTS: SyntheticExpert[] = Array.from({ length: SYNTHETIC_COUNTS.Expert }, (_, index) => generateExpert(index));

const PARENT = new Map<string, string | null>([
  ...FOS_2007.map((field) => [areaId(field.code), field.parent ? areaId(field.parent) : null] as const),
  ...PRIORITY_AREAS.map((area) => [areaId(area.code), area.parent ? areaId(area.parent) : null] as const),
]);

function isBelow(area: string, ancestor: string): boolean {
  for (let parent = PARENT.get(area); parent; parent = PARENT.get(parent)) if (parent === ancestor) return true;
  return false;
}

export interface ExpectedMatch {
  id: string;
  score: number;
}

export function expectedFinderResult(areaCodes: string[], keywords: string[]): ExpectedMatch[] {
  const requested = areaCodes.map(areaId);
  const folded = keywords.map(foldForSearch);
  const matches: ExpectedMatch[] = [];
  for (const { expert, areas } of DEFAULT_EXPERTS) {
    const own = areas.map((row) => row.areaId);
    const areaScores = requested.map((wanted) => (own.includes(wanted) ? 3 : own.some((area) => isBelow(area, wanted)) ? 2 : 0));
    const keywordScores = folded.map((keyword) => (expert.keywordsText!.includes(keyword) ? 1 : 0));
    const topical: number[] = [...areaScores, ...keywordScores];
    if (topical.length && !topical.some((points) => points > 0)) continue;
    const availability = expert.availability === 'AVAILABLE' ? 2 : expert.availability === 'LIMITED' ? 1 : 0;
    matches.push({ id: expert.id!, score: topical.reduce((sum, points) => sum + points, 0) + availability });
  }
  // Score descending, then id ascending (UUIDs of one shape order the same under any collation).
  return matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** Whether an area (by code) is one of the requested areas or below one: what `matchedAreas` lists. */
export function isRequestedOrBelow(code: string, requestedCodes: readonly string[]): boolean {
  return requestedCodes.some((wanted) => wanted === code || isBelow(areaId(code), areaId(wanted)));
}
