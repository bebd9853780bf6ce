import { forbidden } from '../../kernel/platform/errors';
import type { Context } from '../context';
import type { DatasetResolvers } from '../generated/graphql';
import type { DatasetModel } from '../models';
import { decree47Status } from '../rules/decree47';
import { MAXIMUM_POINTS, qualityRating } from '../rules/quality';
import { mayLookUpDataset, mayManageGrants } from '../store/visibility';
import { licenceById, themeByCode, type DataTheme } from '../vocabularies';
import { hanoiDate } from '../../kernel/platform/time';

/**
 * A dataset referred to by id from another record (a federation reference, an observation's
 * source): null when unknown or when the caller may not see it, so a denied dataset answers
 * exactly like an unknown one; withdrawn ones are returned as tombstones.
 */
export async function referencedDataset(context: Context, id: string): Promise<DatasetModel | null> {
  const dataset = await context.loaders.dataset.load(id);
  return dataset && (await mayLookUpDataset(context, dataset)) ? dataset : null;
}

export const Dataset: DatasetResolvers = {
  __resolveReference: (reference, context) => referencedDataset(context, reference.id),
  title: (dataset) => ({ vi: dataset.titleVi, en: dataset.titleEn }),
  datasetStatus: (dataset) => dataset.status,
  description: (dataset) => (dataset.descriptionVi ? { vi: dataset.descriptionVi, en: dataset.descriptionEn } : null),
  publisher: (dataset) => (dataset.publisherId ? { id: dataset.publisherId } : null),
  themes: (dataset) => dataset.themes.map(themeByCode).filter((theme): theme is DataTheme => theme !== undefined),
  licence: (dataset) => (dataset.licenceId ? (licenceById(dataset.licenceId) ?? null) : null),
  temporalCoverage: (dataset) => (dataset.temporalStart || dataset.temporalEnd ? { start: dataset.temporalStart, end: dataset.temporalEnd } : null),
  spatialCoverage: (dataset) => (dataset.spatial ? { name: { vi: dataset.spatial.nameVi, en: dataset.spatial.nameEn }, uri: dataset.spatial.uri } : null),
  distributions: (dataset, _args, { loaders }) => loaders.distributionsOfDataset.load(dataset.id),
  series: (dataset, _args, { loaders }) => (dataset.seriesId ? loaders.series.load(dataset.seriesId) : null),
  feedsIndicators: async (dataset, _args, { loaders }) => (await loaders.indicatorsFedByDataset.load(dataset.id)).map((link) => ({ id: link.indicatorId })),
  compliance: (dataset, _args, { now }) =>
    decree47Status({ reviewDueOn: dataset.reviewDueOn, updateDueOn: dataset.updateDueOn }, dataset.updateFrequency, hanoiDate(now)),
  accessGrants: (dataset, { includeRevoked }, { loaders, caller }) => {
    if (!mayManageGrants(caller, dataset)) throw forbidden('Only editors of the dataset’s publisher and admins may see who it is shared with');
    return (includeRevoked ? loaders.allGrantsOfDataset : loaders.unrevokedGrantsOfDataset).load(dataset.id);
  },
  quality: (dataset) => ({
    score: dataset.qualityScore,
    rating: qualityRating(dataset.qualityScore),
    points: dataset.qualityPoints,
    maxPoints: MAXIMUM_POINTS,
    findability: dataset.qualityFindability,
    accessibility: dataset.qualityAccessibility,
    interoperability: dataset.qualityInteroperability,
    reusability: dataset.qualityReusability,
    contextuality: dataset.qualityContextuality,
  }),
};
