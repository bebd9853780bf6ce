import type { DistributionResolvers } from '../generated/graphql';
import { licenceById } from '../vocabularies';

export const Distribution: DistributionResolvers = {
  title: (distribution) => ({ vi: distribution.titleVi, en: distribution.titleEn }),
  checksum: (distribution) =>
    distribution.checksumAlgorithm && distribution.checksumValue
      ? { algorithm: distribution.checksumAlgorithm, value: distribution.checksumValue }
      : null,
  licence: (distribution) => (distribution.licenceId ? (licenceById(distribution.licenceId) ?? null) : null),
};
