import { FILE_FORMAT_INFO, type FileFormat } from '../vocabularies';

/**
 * Metadata quality score, after data.europa.eu's Metadata Quality Assessment (MQA). Each
 * criterion met earns points; a distribution criterion earns its points in proportion to the
 * share of the dataset's distributions that meet it (none: 0). Each dimension is reported as
 * 0..100 (its points over its maximum, rounded) and the total as all points over 395.
 *
 * | dimension | criterion | points |
 * |---|---|---|
 * | findability | at least one keyword | 30 |
 * | | at least one theme | 30 |
 * | | spatial coverage | 20 |
 * | | temporal coverage (start or end) | 20 |
 * | accessibility | access URL (per distribution) | 50 |
 * | | download URL (per distribution) | 50 |
 * | interoperability | format (per distribution) | 20 |
 * | | media type (per distribution) | 10 |
 * | | non-proprietary format (per distribution) | 20 |
 * | | machine-readable format (per distribution) | 20 |
 * | | DCAT-AP mandatory properties: a description, at least one distribution, each with an access URL | 30 |
 * | reusability | licence (dataset, or every distribution) | 30 |
 * | | access rights (always stated: the access level is required) | 15 |
 * | | contact point | 20 |
 * | | publisher | 10 |
 * | contextuality | byte size (per distribution) | 5 |
 * | | issue date | 5 |
 * | | modification date | 5 |
 * | | update frequency declared | 5 |
 *
 * Differences from MQA, where we cannot check what it checks: URLs are not fetched (MQA
 * tests that they answer), so a present download URL earns the 50 points MQA splits 20/30;
 * our format list is itself a vocabulary, so "format from a vocabulary" merges into format;
 * the access level always comes from a vocabulary; "rights" is replaced by the declared
 * update frequency. Ratings use MQA's bands as shares of the maximum: excellent from 87,
 * good from 55, sufficient from 30, bad below.
 */
export interface QualityInput {
  description: string | null;
  keywords: readonly string[];
  themes: readonly string[];
  hasSpatialCoverage: boolean;
  hasTemporalCoverage: boolean;
  licenceId: string | null;
  hasContactPoint: boolean;
  publisherId: string | null;
  issued: string | null;
  modified: string | null;
  updateFrequency: string | null;
  distributions: ReadonlyArray<{
    accessUrl: string | null;
    downloadUrl: string | null;
    format: FileFormat | null;
    mediaType: string | null;
    byteSize: number | null;
    licenceId: string | null;
  }>;
}

export type QualityDimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';

export const DIMENSION_MAXIMUM: Record<QualityDimension, number> = {
  findability: 100,
  accessibility: 100,
  interoperability: 100,
  reusability: 75,
  contextuality: 20,
};
export const MAXIMUM_POINTS = Object.values(DIMENSION_MAXIMUM).reduce((sum, points) => sum + points, 0);

export type QualityRating = 'EXCELLENT' | 'GOOD' | 'SUFFICIENT' | 'BAD';

/** Lowest total score of each rating, best first. */
export const RATING_FLOORS: ReadonlyArray<[QualityRating, number]> = [
  ['EXCELLENT', 87],
  ['GOOD', 55],
  ['SUFFICIENT', 30],
  ['BAD', 0],
];

export interface QualityScores extends Record<QualityDimension, number> {
  /** All points earned, 0..395. */
  points: number;
  /** Total score 0..100. */
  score: number;
}

export function qualityRating(score: number): QualityRating {
  return RATING_FLOORS.find(([, floor]) => score >= floor)![0];
}

/** The range of total scores `[min, max]` a rating covers. */
export function ratingRange(rating: QualityRating): [number, number] {
  const index = RATING_FLOORS.findIndex(([name]) => name === rating);
  const min = RATING_FLOORS[index]![1];
  const max = index === 0 ? 100 : RATING_FLOORS[index - 1]![1] - 1;
  return [min, max];
}

export function metadataQuality(input: QualityInput): QualityScores {
  const distributions = input.distributions;
  /** `points` times the share of distributions meeting `test`. */
  const share = (points: number, test: (d: QualityInput['distributions'][number]) => boolean) =>
    distributions.length === 0 ? 0 : (points * distributions.filter(test).length) / distributions.length;
  const when = (condition: boolean, points: number) => (condition ? points : 0);
  const formatInfo = (format: FileFormat | null) => (format ? FILE_FORMAT_INFO[format] : null);

  const raw: Record<QualityDimension, number> = {
    findability:
      when(input.keywords.length > 0, 30) + when(input.themes.length > 0, 30) + when(input.hasSpatialCoverage, 20) + when(input.hasTemporalCoverage, 20),
    accessibility: share(50, (d) => Boolean(d.accessUrl)) + share(50, (d) => Boolean(d.downloadUrl)),
    interoperability:
      share(20, (d) => d.format !== null) +
      share(10, (d) => Boolean(d.mediaType)) +
      share(20, (d) => formatInfo(d.format)?.nonProprietary === true) +
      share(20, (d) => formatInfo(d.format)?.machineReadable === true) +
      when(Boolean(input.description) && distributions.length > 0 && distributions.every((d) => Boolean(d.accessUrl)), 30),
    reusability:
      when(input.licenceId !== null || (distributions.length > 0 && distributions.every((d) => d.licenceId !== null)), 30) +
      15 +
      when(input.hasContactPoint, 20) +
      when(input.publisherId !== null, 10),
    contextuality:
      share(5, (d) => d.byteSize !== null) + when(input.issued !== null, 5) + when(input.modified !== null, 5) + when(input.updateFrequency !== null, 5),
  };
  const points = Object.values(raw).reduce((sum, value) => sum + value, 0);
  const percent = (value: number, maximum: number) => Math.round((100 * value) / maximum);
  return {
    findability: percent(raw.findability, DIMENSION_MAXIMUM.findability),
    accessibility: percent(raw.accessibility, DIMENSION_MAXIMUM.accessibility),
    interoperability: percent(raw.interoperability, DIMENSION_MAXIMUM.interoperability),
    reusability: percent(raw.reusability, DIMENSION_MAXIMUM.reusability),
    contextuality: percent(raw.contextuality, DIMENSION_MAXIMUM.contextuality),
    points: Math.round(points),
    score: percent(points, MAXIMUM_POINTS),
  };
}
