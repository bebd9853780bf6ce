import { stableId } from '../platform/ids';

/**
 * The natural keys of real, seeded records that more than one subgraph refers to. Each
 * subgraph seeds its own records; another subgraph refers to them by these keys' stable ids
 * (federation keys), never by reading the owner's database.
 */
export const ORGANIZATION_KEYS = [
  'bo-chinh-tri',
  'ban-chi-dao-tw-khcn-dmst-cds',
  'bo-khcn',
  'thanh-uy-ha-noi',
  'ban-chi-dao-ctr-07',
  'ubnd-ha-noi',
  'so-khcn-ha-noi',
  'so-khdt-ha-noi',
  'so-nnptnt-ha-noi',
  'so-tttt-ha-noi',
  'trung-tam-phvhcc-ha-noi',
  // Named in seed 001 among the units of the central steering committee's task report.
  'to-giup-viec-ban-chi-dao-tw',
  'van-phong-tw-dang',
  'ban-to-chuc-tw',
  'quan-uy-tw',
  'bo-noi-vu',
  'bo-tai-chinh',
  'bo-cong-an',
  'ban-co-yeu-chinh-phu',
  'thanh-uy-da-nang',
] as const;
export type OrganizationKey = (typeof ORGANIZATION_KEYS)[number];

export const PROGRAMME_KEYS = [
  '07-CTr/TU',
  '185/KH-UBND',
  '57-NQ/TW',
  '204-QD/TW',
  'chien-luoc-2030',
  // The city S&T objectives for 2025 agreed on 14 July 2020 (seed 000): the HN2025-* indicators.
  'muc-tieu-khcn-2025',
] as const;
export type ProgrammeKey = (typeof PROGRAMME_KEYS)[number];

export const organizationId = (key: OrganizationKey): string => stableId('Organization', key);
export const programmeId = (key: ProgrammeKey): string => stableId('Programme', key);

/**
 * Indicator codes of the seeded programme targets (seed 002 names the five of 07-CTr/TU;
 * seed 000 the other city targets for 2025). `indicatorId(code)` is the Indicator's id.
 */
export const INDICATOR_CODES = [
  'CTR07-TFP',
  'CTR07-LABOUR-PRODUCTIVITY',
  'CTR07-HITECH-AGRICULTURE',
  'CTR07-DIGITAL-ECONOMY',
  'CTR07-INNOVATIVE-ENTERPRISES',
  'HN2025-ENTERPRISE-ST-INVESTMENT',
  'HN2025-ST-SPENDING',
  'HN2025-STARTUP-PROJECTS',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];
export const indicatorId = (code: IndicatorCode): string => stableId('Indicator', code);

/**
 * Datasets the seeds imply (owned by the catalogue subgraph): the indicator statistics each
 * responsible department publishes for programme 07, Hanoi's S&T database and the open
 * data warehouse. Observations (programmes) name their source dataset by these ids.
 */
export const DATASET_KEYS = [
  'so-khdt-chi-tieu-ctr07',
  'so-nnptnt-chi-tieu-ctr07',
  'so-tttt-chi-tieu-ctr07',
  'so-khcn-chi-tieu-ctr07',
  'csdl-khcn-ha-noi',
  'kho-du-lieu-mo-ha-noi',
] as const;
export type DatasetKey = (typeof DATASET_KEYS)[number];
export const datasetId = (key: DatasetKey): string => stableId('Dataset', key);

/**
 * Synthetic demo records: each owner generates exactly this many at the default seed, with
 * ids `syntheticId(typename, 0..n-1)`, so other subgraphs' demo links (a mentor of a
 * startup, a reviewer of a research project) point at records that exist. Benchmark
 * generators may add more beyond these.
 */
export const SYNTHETIC_COUNTS = {
  Startup: 300,
  StartupProject: 400,
  ResearchProject: 200,
  Task: 60,
  Expert: 500,
  Dataset: 200,
} as const;
export const syntheticId = (typename: keyof typeof SYNTHETIC_COUNTS | string, index: number): string => stableId(typename, `synthetic:${index}`);

/**
 * The organisation that maintains the registries no single department owns: the experts
 * network and the startup register (Sở KH&CN Hà Nội, the programme's standing agency).
 * Its editors, editors named for the domain, and admins write those records.
 */
export const REGISTRY_STEWARD_ID = organizationId('so-khcn-ha-noi');
