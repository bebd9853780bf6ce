import { stableId } from './ids';

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
] as const;
export type OrganizationKey = (typeof ORGANIZATION_KEYS)[number];

export const PROGRAMME_KEYS = ['07-CTr/TU', '185/KH-UBND', '57-NQ/TW', '204-QD/TW', 'chien-luoc-2030'] as const;
export type ProgrammeKey = (typeof PROGRAMME_KEYS)[number];

export const organizationId = (key: OrganizationKey): string => stableId('Organization', key);
export const programmeId = (key: ProgrammeKey): string => stableId('Programme', key);
