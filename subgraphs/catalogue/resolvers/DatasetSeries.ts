import type { DatasetSeriesResolvers } from '../generated/graphql';

export const DatasetSeries: DatasetSeriesResolvers = {
  title: (series) => ({ vi: series.titleVi, en: series.titleEn }),
  description: (series) => (series.descriptionVi ? { vi: series.descriptionVi, en: series.descriptionEn } : null),
};
