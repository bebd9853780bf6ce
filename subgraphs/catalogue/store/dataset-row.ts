import type { InferInsertModel } from 'drizzle-orm';
import { searchText } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import { decree47DueDates } from '../rules/decree47';
import { metadataQuality } from '../rules/quality';

/**
 * How a dataset row is written, by the mutations, the seed and the benchmark generator alike: a dataset is
 * drafted with its distributions, and the columns derived from its metadata (formats, Decree
 * 47 deadlines, quality scores, search text) are computed here, once, at write time.
 */
type DatasetRow = InferInsertModel<typeof schema.datasets>;
type DistributionRow = InferInsertModel<typeof schema.distributions>;

export type DistributionDraft = Omit<DistributionRow, 'datasetId' | 'position' | 'version' | 'createdAt' | 'updatedAt'>;

export type DatasetDraft = Omit<
  DatasetRow,
  | 'formats'
  | 'reviewDueOn'
  | 'updateDueOn'
  | 'qualityFindability'
  | 'qualityAccessibility'
  | 'qualityInteroperability'
  | 'qualityReusability'
  | 'qualityContextuality'
  | 'qualityPoints'
  | 'qualityScore'
  | 'searchText'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
> & { distributions: DistributionDraft[] };

export function datasetRow(draft: DatasetDraft): DatasetRow {
  const { distributions, ...dataset } = draft;
  const keywords = dataset.keywords ?? [];
  const themes = dataset.themes ?? [];
  const dates = {
    issued: dataset.issued ?? null,
    modified: dataset.modified ?? null,
    lastReviewed: dataset.lastReviewed ?? null,
    updateFrequency: dataset.updateFrequency ?? null,
  };
  const quality = metadataQuality({
    description: dataset.descriptionVi ?? null,
    keywords,
    themes,
    hasSpatialCoverage: Boolean(dataset.spatial),
    hasTemporalCoverage: Boolean(dataset.temporalStart || dataset.temporalEnd),
    licenceId: dataset.licenceId ?? null,
    hasContactPoint: Boolean(dataset.contactPoint),
    publisherId: dataset.publisherId ?? null,
    ...dates,
    distributions: distributions.map((d) => ({
      accessUrl: d.accessUrl ?? null,
      downloadUrl: d.downloadUrl ?? null,
      format: d.format ?? null,
      mediaType: d.mediaType ?? null,
      byteSize: d.byteSize ?? null,
      licenceId: d.licenceId ?? null,
    })),
  });
  return {
    ...dataset,
    formats: [...new Set(distributions.flatMap((d) => (d.format ? [d.format] : [])))],
    ...decree47DueDates(dates),
    qualityFindability: quality.findability,
    qualityAccessibility: quality.accessibility,
    qualityInteroperability: quality.interoperability,
    qualityReusability: quality.reusability,
    qualityContextuality: quality.contextuality,
    qualityPoints: quality.points,
    qualityScore: quality.score,
    searchText: searchText(dataset.identifier, dataset.titleVi, dataset.titleEn, dataset.descriptionVi, dataset.descriptionEn, ...keywords),
  };
}
