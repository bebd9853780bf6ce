import { boolean, date, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idempotencyKeysTable, outboxTable } from '../../kernel/subgraph/outbox';
import { recordColumns } from '../../kernel/reference/columns';

/** Everything this subgraph stores lives in the `experts` PostgreSQL schema. */
export const expertsSchema = pgSchema('experts');

export const expertiseScheme = expertsSchema.enum('expertise_scheme', ['FOS_2007', 'PROGRAMME_PRIORITY']);
export const academicTitle = expertsSchema.enum('academic_title', ['PROFESSOR', 'ASSOCIATE_PROFESSOR']);
export const academicDegree = expertsSchema.enum('academic_degree', ['DOCTOR_OF_SCIENCE', 'DOCTOR', 'MASTER', 'BACHELOR']);
export const residence = expertsSchema.enum('residence', ['DOMESTIC', 'OVERSEAS']);
export const availability = expertsSchema.enum('availability', ['AVAILABLE', 'LIMITED', 'UNAVAILABLE']);
export const networkKind = expertsSchema.enum('network_kind', ['INITIATIVE_NETWORK', 'EXPERT_PROGRAMME', 'ADVISORY_NETWORK', 'ADVISORY_COUNCIL']);
export const membershipRole = expertsSchema.enum('membership_role', ['MEMBER', 'COORDINATOR', 'CHAIR', 'VICE_CHAIR', 'SECRETARY']);
export const engagementRole = expertsSchema.enum('engagement_role', ['REVIEWER', 'COUNCIL_MEMBER', 'ADVISER', 'MENTOR']);
export const engagementTargetType = expertsSchema.enum('engagement_target_type', ['ResearchProject', 'Programme', 'Task', 'Startup', 'StartupProject']);
export const engagementStatus = expertsSchema.enum('engagement_status', ['PROPOSED', 'ACTIVE', 'COMPLETED', 'DECLINED']);

/** Fields of science and priority areas, as trees (one per scheme). */
export const expertiseAreas = expertsSchema.table(
  'expertise_areas',
  {
    id: text('id').primaryKey(),
    scheme: expertiseScheme('scheme').notNull(),
    /** `2.10` (FOS) or `PA-AI` (priority area); unique across schemes. */
    code: text('code').notNull(),
    parentId: text('parent_id'),
    /** 1 for the roots of a scheme. */
    level: integer('level').notNull(),
    /** Order within the scheme as the source lists it (`2.2` before `2.10`). */
    position: integer('position').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    /** Codes of the same field in Vietnam's national classification (QĐ 12/2008/QĐ-BKHCN). */
    nationalCodes: text('national_codes').array().notNull().default([]),
    /** Ids of related areas of the other scheme (a priority area's FOS fields). */
    relatedIds: text('related_ids').array().notNull().default([]),
    note: text('note'),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('expertise_areas_code_idx').on(table.code),
    index('expertise_areas_order_idx').on(table.scheme, table.position, table.id),
    index('expertise_areas_parent_idx').on(table.parentId),
    index('expertise_areas_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const experts = expertsSchema.table(
  'experts',
  {
    id: text('id').primaryKey(),
    fullName: text('full_name').notNull(),
    academicTitle: academicTitle('academic_title'),
    degree: academicDegree('degree'),
    residence: residence('residence').notNull(),
    /** ISO 3166-1 alpha-2. */
    countryOfResidence: text('country_of_residence').notNull(),
    keywords: text('keywords').array().notNull().default([]),
    /** Folded keywords joined by ` | `, for diacritics-insensitive keyword matching. */
    keywordsText: text('keywords_text').notNull().default(''),
    /** BCP 47 language tags (`vi`, `en`, `ja`). */
    languages: text('languages').array().notNull().default([]),
    /** Normalised `0000-0002-1825-0097` form; checksum validated on write. */
    orcid: text('orcid'),
    biographyVi: text('biography_vi'),
    biographyEn: text('biography_en'),
    availability: availability('availability').notNull(),
    willingToMentor: boolean('willing_to_mentor').notNull().default(false),
    willingToReview: boolean('willing_to_review').notNull().default(false),
    willingToAdvise: boolean('willing_to_advise').notNull().default(false),
    /** Folded full name: the name search. */
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    index('experts_name_idx').on(table.fullName, table.id),
    uniqueIndex('experts_orcid_idx').on(table.orcid),
    index('experts_country_idx').on(table.countryOfResidence),
    index('experts_residence_idx').on(table.residence),
    index('experts_availability_idx').on(table.availability),
    index('experts_languages_idx').using('gin', table.languages),
    index('experts_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
    index('experts_keywords_idx').using('gin', table.keywordsText.op('gin_trgm_ops')),
    index('experts_synthetic_idx').on(table.synthetic),
    // The finder's index: the id, then every column its plain filters and its score read, so
    // ranking the candidates reads the index only (store/experts.ts, findExperts).
    index('experts_finder_idx').on(
      table.id,
      table.availability,
      table.languages,
      table.willingToMentor,
      table.willingToReview,
      table.willingToAdvise,
      table.residence,
      table.countryOfResidence,
      table.synthetic,
    ),
  ],
);

/**
 * Personal data (dữ liệu cá nhân), kept apart from `experts` so that no list query even reads
 * it: only the contact resolver loads it, after the caller check.
 */
export const expertContacts = expertsSchema.table('expert_contacts', {
  expertId: text('expert_id')
    .primaryKey()
    .references(() => experts.id, { onDelete: 'cascade' }),
  email: text('email'),
  phone: text('phone'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which areas an expert works in. */
export const expertAreas = expertsSchema.table(
  'expert_areas',
  {
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    areaId: text('area_id')
      .notNull()
      .references(() => expertiseAreas.id),
    /** Order the expert lists them in (main area first). */
    position: integer('position').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.expertId, table.areaId] }),
    // With the position: the finder reads a requested area's experts and their order from the index only.
    index('expert_areas_area_idx').on(table.areaId, table.expertId, table.position),
  ],
);

/** Where an expert works: an Organization of the programmes subgraph, or a named institution. */
export const affiliations = expertsSchema.table(
  'affiliations',
  {
    id: text('id').primaryKey(),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    /** An Organization (federation key only), when the institution is one. */
    organizationId: text('organization_id'),
    institutionVi: text('institution_vi'),
    institutionEn: text('institution_en'),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    roleVi: text('role_vi'),
    roleEn: text('role_en'),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('affiliations_expert_idx').on(table.expertId, table.position),
    index('affiliations_organization_idx').on(table.organizationId, table.expertId),
  ],
);

export const networks = expertsSchema.table(
  'networks',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    kind: networkKind('kind').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    /** An Organization (federation key) that runs or convenes the network. */
    organizerId: text('organizer_id'),
    /** A Programme (federation key) the network serves. */
    programmeId: text('programme_id'),
    /** Planned launch as the source gives it: `2020-10` (month precision). */
    plannedLaunch: text('planned_launch'),
    launchedOn: date('launched_on'),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('networks_code_idx').on(table.code),
    index('networks_name_idx').on(table.nameVi, table.id),
    index('networks_kind_idx').on(table.kind),
    index('networks_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const memberships = expertsSchema.table(
  'memberships',
  {
    id: text('id').primaryKey(),
    networkId: text('network_id')
      .notNull()
      .references(() => networks.id),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull(),
    since: date('since'),
    until: date('until'),
    ...recordColumns(),
  },
  (table) => [index('memberships_network_idx').on(table.networkId, table.expertId, table.id), index('memberships_expert_idx').on(table.expertId)],
);

/** An expert's role on another subgraph's record (federation key only). */
export const engagements = expertsSchema.table(
  'engagements',
  {
    id: text('id').primaryKey(),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    role: engagementRole('role').notNull(),
    targetType: engagementTargetType('target_type').notNull(),
    targetId: text('target_id').notNull(),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    status: engagementStatus('status').notNull(),
    ...recordColumns(),
  },
  (table) => [
    index('engagements_target_idx').on(table.targetId, table.role, table.expertId),
    index('engagements_expert_idx').on(table.expertId, table.startedOn),
  ],
);

// Writes: every mutation commits its change event here, in the same transaction (kernel/subgraph/outbox.ts).
export const outbox = outboxTable(expertsSchema);
export const idempotencyKeys = idempotencyKeysTable(expertsSchema);
