import { foldForSearch, searchText } from '../kernel/platform/text';
import type { ExpertModel } from './models';

/**
 * Columns of an expert computed from others. The seed, the benchmark generator and the
 * mutations all call this one function, so a written expert is found exactly like a seeded one.
 */
export function expertDerivedColumns(
  expert: Pick<ExpertModel, 'fullName' | 'keywords' | 'countryOfResidence'>,
): Pick<ExpertModel, 'searchText' | 'keywordsText' | 'residence'> {
  return {
    searchText: searchText(expert.fullName),
    keywordsText: expert.keywords.map(foldForSearch).join(' | '),
    // Residence is seen from Vietnam: living in Vietnam is domestic, anywhere else overseas.
    residence: expert.countryOfResidence === 'VN' ? 'DOMESTIC' : 'OVERSEAS',
  };
}
