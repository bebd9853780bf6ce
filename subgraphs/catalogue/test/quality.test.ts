import { MAXIMUM_POINTS, metadataQuality, qualityRating, ratingRange, type QualityInput } from '../rules/quality';

const EMPTY: QualityInput = {
  description: null,
  keywords: [],
  themes: [],
  hasSpatialCoverage: false,
  hasTemporalCoverage: false,
  licenceId: null,
  hasContactPoint: false,
  publisherId: null,
  issued: null,
  modified: null,
  updateFrequency: null,
  distributions: [],
};

const FULL_DISTRIBUTION = {
  accessUrl: 'https://example.org/a',
  downloadUrl: 'https://example.org/a.csv',
  format: 'CSV' as const,
  mediaType: 'text/csv',
  byteSize: 1000,
  licenceId: 'CC-BY-4.0',
};

describe('metadata quality score', () => {
  it('gives only the access-rights points to a dataset with no other metadata', () => {
    const scores = metadataQuality(EMPTY);
    expect(scores).toEqual({ findability: 0, accessibility: 0, interoperability: 0, reusability: 20, contextuality: 0, points: 15, score: 4 });
    expect(qualityRating(scores.score)).toBe('BAD');
  });

  it('gives full marks to complete metadata', () => {
    const scores = metadataQuality({
      ...EMPTY,
      description: 'Mô tả',
      keywords: ['a'],
      themes: ['TECH'],
      hasSpatialCoverage: true,
      hasTemporalCoverage: true,
      licenceId: 'CC-BY-4.0',
      hasContactPoint: true,
      publisherId: 'org',
      issued: '2025-01-01',
      modified: '2025-02-01',
      updateFrequency: 'ANNUAL',
      distributions: [FULL_DISTRIBUTION],
    });
    expect(scores).toEqual({
      findability: 100,
      accessibility: 100,
      interoperability: 100,
      reusability: 100,
      contextuality: 100,
      points: MAXIMUM_POINTS,
      score: 100,
    });
    expect(qualityRating(scores.score)).toBe('EXCELLENT');
  });

  it('scores each findability criterion by its points', () => {
    expect(metadataQuality({ ...EMPTY, keywords: ['x'] }).findability).toBe(30);
    expect(metadataQuality({ ...EMPTY, themes: ['ECON'] }).findability).toBe(30);
    expect(metadataQuality({ ...EMPTY, hasSpatialCoverage: true, hasTemporalCoverage: true }).findability).toBe(40);
  });

  it('weights distribution criteria by the share of distributions that meet them', () => {
    const pdfWithoutDownload = {
      ...FULL_DISTRIBUTION,
      format: 'PDF' as const,
      mediaType: 'application/pdf',
      downloadUrl: null,
      byteSize: null,
      licenceId: null,
    };
    const scores = metadataQuality({ ...EMPTY, distributions: [FULL_DISTRIBUTION, pdfWithoutDownload] });
    // access 50 + download 50 * 1/2
    expect(scores.accessibility).toBe(75);
    // format 20 + media type 10 + non-proprietary 20 (PDF is open) + machine-readable 20 * 1/2; no description: no DCAT-AP points
    expect(scores.interoperability).toBe(60);
    // licence on only one of two distributions and none on the dataset: no licence points
    expect(scores.reusability).toBe(20);
    expect(scores.contextuality).toBe(13); // 2.5 of 20
  });

  it('rates scores in the MQA bands', () => {
    expect(ratingRange('EXCELLENT')).toEqual([87, 100]);
    expect(ratingRange('GOOD')).toEqual([55, 86]);
    expect(ratingRange('SUFFICIENT')).toEqual([30, 54]);
    expect(ratingRange('BAD')).toEqual([0, 29]);
    expect(qualityRating(87)).toBe('EXCELLENT');
    expect(qualityRating(86)).toBe('GOOD');
    expect(qualityRating(54)).toBe('SUFFICIENT');
    expect(qualityRating(29)).toBe('BAD');
  });
});
