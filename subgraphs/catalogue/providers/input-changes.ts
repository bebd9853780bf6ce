import { badUserInput } from '../../kernel/errors';
import type { ContactPointValue, SpatialValue } from '../db/schema';
import type { ContactPointInput, DistributionInput, SpatialCoverageInput, TemporalCoverageInput, UpdateDatasetInput } from '../generated/graphql';
import type { DatasetModel, DistributionModel } from '../models';
import {
  checkByteSize,
  checkEmail,
  checkForeignId,
  checkIdentifier,
  checkLicence,
  checkMediaType,
  checkNotBefore,
  checkNotFuture,
  checkText,
  checkWebAddress,
  normaliseChecksum,
  normaliseKeywords,
} from '../validation';

/**
 * Mutation inputs turned into column changes, validated field by field. Creates and updates
 * share these: a field left out (undefined) is no change, an explicit null clears it (or is
 * refused, for a column that cannot be empty). The state after the change is then checked as
 * a whole (date order, a distribution's address), naming the input field at fault.
 */

const given = <T>(value: T | undefined): value is T => value !== undefined;

function required<T>(value: T | null, field: string): T {
  if (value === null) throw badUserInput(`"${field}" cannot be cleared`, field);
  return value;
}

function text(value: string | null, max: number, field: string): string | null {
  checkText(value, max, field);
  return value === null ? null : value.trim();
}

// ---------------------------------------------------------------------------------------------
// Datasets

export type DatasetColumns = Pick<
  DatasetModel,
  | 'identifier'
  | 'titleVi'
  | 'titleEn'
  | 'descriptionVi'
  | 'descriptionEn'
  | 'publisherId'
  | 'contactPoint'
  | 'themes'
  | 'keywords'
  | 'accessLevel'
  | 'licenceId'
  | 'updateFrequency'
  | 'temporalStart'
  | 'temporalEnd'
  | 'spatial'
  | 'issued'
  | 'modified'
  | 'lastReviewed'
  | 'versionInfo'
  | 'landingPage'
  | 'seriesId'
>;

/** The dataset fields of publishDataset and updateDataset (all optional here; the SDL requires some on publish). */
export type DatasetFieldsInput = Omit<UpdateDatasetInput, 'id' | 'expectedVersion' | 'feedsIndicatorIds'>;

function contactPoint(input: ContactPointInput | null, field: string): ContactPointValue | null {
  if (input === null) return null;
  checkText(input.name, 200, `${field}.name`);
  checkEmail(input.email, `${field}.email`);
  checkWebAddress(input.url, `${field}.url`);
  return { name: input.name.trim(), email: input.email ?? null, url: input.url ?? null };
}

function spatial(input: SpatialCoverageInput | null, field: string): SpatialValue | null {
  if (input === null) return null;
  checkText(input.nameVi, 200, `${field}.nameVi`);
  checkText(input.nameEn, 200, `${field}.nameEn`);
  checkWebAddress(input.uri, `${field}.uri`);
  return { nameVi: input.nameVi.trim(), nameEn: input.nameEn?.trim() ?? null, uri: input.uri ?? null };
}

function temporal(input: TemporalCoverageInput | null, field: string): Pick<DatasetColumns, 'temporalStart' | 'temporalEnd'> {
  const start = input?.start ?? null;
  const end = input?.end ?? null;
  checkNotBefore(end, start, `${field}.end`, 'the start');
  return { temporalStart: start, temporalEnd: end };
}

export function datasetChanges(input: DatasetFieldsInput, path: string): Partial<DatasetColumns> {
  const at = (name: string) => `${path}.${name}`;
  const changes: Partial<DatasetColumns> = {};
  if (given(input.identifier)) {
    checkIdentifier(input.identifier, at('identifier'));
    changes.identifier = required(input.identifier, at('identifier'));
  }
  if (given(input.titleVi)) changes.titleVi = required(text(input.titleVi, 500, at('titleVi')), at('titleVi'));
  if (given(input.titleEn)) changes.titleEn = text(input.titleEn, 500, at('titleEn'));
  if (given(input.descriptionVi)) changes.descriptionVi = text(input.descriptionVi, 10_000, at('descriptionVi'));
  if (given(input.descriptionEn)) changes.descriptionEn = text(input.descriptionEn, 10_000, at('descriptionEn'));
  if (given(input.publisherId)) {
    checkForeignId(input.publisherId, at('publisherId'));
    changes.publisherId = input.publisherId;
  }
  if (given(input.contactPoint)) changes.contactPoint = contactPoint(input.contactPoint, at('contactPoint'));
  if (given(input.themes)) changes.themes = [...new Set(input.themes ?? [])];
  if (given(input.keywords)) changes.keywords = normaliseKeywords(input.keywords ?? [], at('keywords'));
  if (given(input.accessLevel)) changes.accessLevel = required(input.accessLevel, at('accessLevel'));
  if (given(input.licenceId)) {
    checkLicence(input.licenceId, at('licenceId'));
    changes.licenceId = input.licenceId;
  }
  if (given(input.updateFrequency)) changes.updateFrequency = input.updateFrequency;
  if (given(input.temporalCoverage)) Object.assign(changes, temporal(input.temporalCoverage, at('temporalCoverage')));
  if (given(input.spatialCoverage)) changes.spatial = spatial(input.spatialCoverage, at('spatialCoverage'));
  if (given(input.issued)) changes.issued = input.issued;
  if (given(input.modified)) changes.modified = input.modified;
  if (given(input.lastReviewed)) changes.lastReviewed = input.lastReviewed;
  if (given(input.versionInfo)) changes.versionInfo = text(input.versionInfo, 50, at('versionInfo'));
  if (given(input.landingPage)) {
    checkWebAddress(input.landingPage, at('landingPage'));
    changes.landingPage = input.landingPage;
  }
  if (given(input.seriesId)) changes.seriesId = input.seriesId;
  return changes;
}

/** Rules across fields, on the dataset as it will be; `input` says which field to blame. */
export function checkDatasetState(state: DatasetColumns, input: DatasetFieldsInput, path: string, now: Date): void {
  const blame = (preferred: keyof DatasetFieldsInput, other: keyof DatasetFieldsInput) => `${path}.${given(input[preferred]) ? preferred : other}`;
  checkNotFuture(state.modified, now, `${path}.modified`);
  checkNotFuture(state.lastReviewed, now, `${path}.lastReviewed`);
  checkNotBefore(state.modified, state.issued, blame('modified', 'issued'), 'the issue date');
  checkNotBefore(state.lastReviewed, state.issued, blame('lastReviewed', 'issued'), 'the issue date');
}

// ---------------------------------------------------------------------------------------------
// Distributions

export type DistributionColumns = Pick<
  DistributionModel,
  | 'titleVi'
  | 'titleEn'
  | 'format'
  | 'mediaType'
  | 'accessUrl'
  | 'downloadUrl'
  | 'byteSize'
  | 'checksumAlgorithm'
  | 'checksumValue'
  | 'issued'
  | 'modified'
  | 'licenceId'
>;

export type DistributionFieldsInput = { [K in keyof DistributionInput]?: DistributionInput[K] | null };

export const EMPTY_DISTRIBUTION: Omit<DistributionColumns, 'titleVi'> = {
  titleEn: null,
  format: null,
  mediaType: null,
  accessUrl: null,
  downloadUrl: null,
  byteSize: null,
  checksumAlgorithm: null,
  checksumValue: null,
  issued: null,
  modified: null,
  licenceId: null,
};

export function distributionChanges(input: DistributionFieldsInput, path: string): Partial<DistributionColumns> {
  const at = (name: string) => `${path}.${name}`;
  const changes: Partial<DistributionColumns> = {};
  if (given(input.titleVi)) changes.titleVi = required(text(input.titleVi, 500, at('titleVi')), at('titleVi'));
  if (given(input.titleEn)) changes.titleEn = text(input.titleEn, 500, at('titleEn'));
  if (given(input.format)) changes.format = input.format;
  if (given(input.mediaType)) {
    checkMediaType(input.mediaType, at('mediaType'));
    changes.mediaType = input.mediaType?.toLowerCase() ?? null;
  }
  if (given(input.accessUrl)) {
    checkWebAddress(input.accessUrl, at('accessUrl'));
    changes.accessUrl = input.accessUrl;
  }
  if (given(input.downloadUrl)) {
    checkWebAddress(input.downloadUrl, at('downloadUrl'));
    changes.downloadUrl = input.downloadUrl;
  }
  if (given(input.byteSize)) {
    checkByteSize(input.byteSize, at('byteSize'));
    changes.byteSize = input.byteSize;
  }
  if (given(input.checksum)) {
    changes.checksumAlgorithm = input.checksum?.algorithm ?? null;
    changes.checksumValue = input.checksum ? normaliseChecksum(input.checksum.value, input.checksum.algorithm, at('checksum.value')) : null;
  }
  if (given(input.issued)) changes.issued = input.issued;
  if (given(input.modified)) changes.modified = input.modified;
  if (given(input.licenceId)) {
    checkLicence(input.licenceId, at('licenceId'));
    changes.licenceId = input.licenceId;
  }
  return changes;
}

/** DCAT-AP: a distribution says where its data can be accessed (`dcat:accessURL` is mandatory). */
export function checkDistributionState(state: DistributionColumns, input: DistributionFieldsInput, path: string): void {
  if (!state.accessUrl) {
    throw badUserInput(
      `"${path}.accessUrl" is required: DCAT-AP needs every distribution to say where its data can be accessed (the download URL, if that is the only address)`,
      `${path}.accessUrl`,
    );
  }
  checkNotBefore(state.modified, state.issued, `${path}.${given(input.modified) ? 'modified' : 'issued'}`, 'the issue date');
}
