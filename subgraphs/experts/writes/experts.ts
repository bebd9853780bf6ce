import { assertAllowed } from '../../kernel/identity/access-policy';
import { isUniqueViolation } from '../../kernel/platform/db';
import { badUserInput, conflict } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkForeignId } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { changedFields, createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import { experts } from '../db/schema';
import { expertDerivedColumns } from '../derived';
import type { AffiliationInput, CreateExpertInput, ExpertContactInput, HelpKind, UpdateExpertInput } from '../generated/graphql';
import type { AffiliationModel, ExpertContactModel, ExpertModel } from '../models';
import { areasByCodes, areasOfExperts } from '../store/areas';
import {
  affiliationsOfExpert,
  contactsByExpertIds,
  expertByOrcid,
  insertExpert,
  replaceAffiliations,
  replaceExpertAreas,
  saveContact,
  saveExpert,
} from '../store/experts';
import {
  checkDateOrder,
  checkListSize,
  rejectUnknownAreaCodes,
  requireCountryCode,
  requireEmail,
  requireKeywords,
  requireLanguageTags,
  requireLocalizedText,
  requireOrcid,
  requirePhone,
  requireText,
} from '../validation';
import { apiProvenance, OWNERSHIP, PUBLIC_ACCESS, REFUSAL, write, type ExpertsDb, type ExpertsWriteContext } from './writer';

type AffiliationValues = Pick<
  AffiliationModel,
  'organizationId' | 'institutionVi' | 'institutionEn' | 'country' | 'roleVi' | 'roleEn' | 'startedOn' | 'endedOn'
>;
type ContactValues = Pick<ExpertContactModel, 'email' | 'phone'>;
type ProfileValues = Pick<
  ExpertModel,
  | 'fullName'
  | 'academicTitle'
  | 'degree'
  | 'countryOfResidence'
  | 'keywords'
  | 'languages'
  | 'orcid'
  | 'biographyVi'
  | 'biographyEn'
  | 'availability'
  | 'willingToMentor'
  | 'willingToReview'
  | 'willingToAdvise'
>;

const PROFILE_COLUMNS = [
  'fullName',
  'academicTitle',
  'degree',
  'countryOfResidence',
  'keywords',
  'languages',
  'orcid',
  'biographyVi',
  'biographyEn',
  'availability',
  'willingToMentor',
  'willingToReview',
  'willingToAdvise',
] as const satisfies ReadonlyArray<keyof ProfileValues>;

/** The columns a client edits, and only those (never id, version, provenance). */
function profileOf(expert: ExpertModel): ProfileValues {
  return Object.fromEntries(PROFILE_COLUMNS.map((column) => [column, expert[column]])) as ProfileValues;
}

const MAX_AREAS = 20;
const MAX_AFFILIATIONS = 20;

/**
 * What the change feed carries about an expert: the public profile as GraphQL shows it.
 * Contact details (email, phone) are personal data and are deliberately NOT a parameter here,
 * so no code path can put them into an event.
 */
function snapshot(
  expert: ExpertModel,
  areas: ReadonlyArray<{ id: string; code: string }>,
  affiliationRows: readonly AffiliationValues[],
): Record<string, unknown> {
  return {
    id: expert.id,
    fullName: expert.fullName,
    academicTitle: expert.academicTitle,
    degree: expert.degree,
    residence: expert.residence,
    countryOfResidence: expert.countryOfResidence,
    expertiseAreas: areas.map((area) => ({ id: area.id, code: area.code })),
    keywords: expert.keywords,
    languages: expert.languages,
    orcid: expert.orcid,
    biography: expert.biographyVi ? { vi: expert.biographyVi, en: expert.biographyEn } : null,
    availability: expert.availability,
    willingTo: willingTo(expert),
    affiliations: affiliationRows.map((row) => ({
      organizationId: row.organizationId,
      institution: row.institutionVi ? { vi: row.institutionVi, en: row.institutionEn } : null,
      country: row.country,
      role: row.roleVi ? { vi: row.roleVi, en: row.roleEn } : null,
      startedOn: row.startedOn,
      endedOn: row.endedOn,
    })),
    synthetic: expert.synthetic,
  };
}

function willingTo(expert: Pick<ExpertModel, 'willingToMentor' | 'willingToReview' | 'willingToAdvise'>): HelpKind[] {
  return [
    ...(expert.willingToMentor ? (['MENTOR'] as const) : []),
    ...(expert.willingToReview ? (['REVIEW'] as const) : []),
    ...(expert.willingToAdvise ? (['ADVISE'] as const) : []),
  ];
}

function willingnessColumns(kinds: readonly HelpKind[]): Pick<ExpertModel, 'willingToMentor' | 'willingToReview' | 'willingToAdvise'> {
  return { willingToMentor: kinds.includes('MENTOR'), willingToReview: kinds.includes('REVIEW'), willingToAdvise: kinds.includes('ADVISE') };
}

function checkAffiliations(inputs: readonly AffiliationInput[]): AffiliationValues[] {
  checkListSize(inputs, MAX_AFFILIATIONS, 'input.affiliations');
  return inputs.map((input, index) => {
    const field = `input.affiliations[${index}]`;
    if ((input.organizationId == null) === (input.institution == null)) {
      throw badUserInput(`Give exactly one of "${field}.organizationId" and "${field}.institution"`, `${field}.organizationId`);
    }
    checkForeignId(input.organizationId, `${field}.organizationId`);
    const institution = input.institution ? requireLocalizedText(input.institution, 300, `${field}.institution`) : null;
    const role = input.role ? requireLocalizedText(input.role, 200, `${field}.role`) : null;
    checkDateOrder(input.startedOn, input.endedOn, `${field}.endedOn`);
    return {
      organizationId: input.organizationId?.toLowerCase() ?? null,
      institutionVi: institution?.vi ?? null,
      institutionEn: institution?.en ?? null,
      country: requireCountryCode(input.country, `${field}.country`),
      roleVi: role?.vi ?? null,
      roleEn: role?.en ?? null,
      startedOn: input.startedOn ?? null,
      endedOn: input.endedOn ?? null,
    };
  });
}

/** Contact details checked; `current` supplies the fields the input leaves out. */
function checkContact(input: ExpertContactInput, current: ContactValues): ContactValues {
  return {
    email: input.email === undefined ? current.email : input.email === null ? null : requireEmail(input.email, 'input.contact.email'),
    phone: input.phone === undefined ? current.phone : input.phone === null ? null : requirePhone(input.phone, 'input.contact.phone'),
  };
}

function checkBiography(value: { vi: string; en?: string | null } | null | undefined): Pick<ExpertModel, 'biographyVi' | 'biographyEn'> {
  if (!value) return { biographyVi: null, biographyEn: null };
  const text = requireLocalizedText(value, 5_000, 'input.biography');
  return { biographyVi: text.vi, biographyEn: text.en };
}

function checkLanguages(tags: readonly string[]): string[] {
  checkListSize(tags, 20, 'input.languages');
  return [...new Set(requireLanguageTags(tags, 'input.languages'))];
}

function checkAreaCodes(codes: readonly string[]): string[] {
  checkListSize(codes, MAX_AREAS, 'input.expertiseAreaCodes');
  return [...new Set(codes.map((code) => code.trim()))];
}

/** Area ids for codes, in the order given; unknown codes are BAD_USER_INPUT naming the field. */
async function resolveAreaCodes(tx: ExpertsDb, codes: readonly string[]): Promise<Array<{ id: string; code: string }>> {
  if (!codes.length) return [];
  const rows = await areasByCodes(tx, codes);
  rejectUnknownAreaCodes(codes, new Set(rows.map((row) => row.code)), 'input.expertiseAreaCodes');
  return codes.map((code) => rows.find((row) => row.code === code)!);
}

async function checkOrcidFree(tx: ExpertsDb, orcid: string | null, expertId: string): Promise<void> {
  if (orcid === null) return;
  const holder = await expertByOrcid(tx, orcid);
  if (holder && holder.id !== expertId) throw orcidTaken(holder.id);
}

function orcidTaken(expertId: string | null) {
  return conflict('Another expert already has this ORCID iD', { field: 'input.orcid', ...(expertId ? { expertId } : {}) });
}

/** Rethrows a unique violation (two writers gave the same ORCID at once) as the CONFLICT a late one gets. */
function orcidRace(error: unknown): never {
  if (isUniqueViolation(error)) throw orcidTaken(null);
  throw error;
}

export async function createExpert(context: ExpertsWriteContext, input: CreateExpertInput): Promise<WriteResult<ExpertModel>> {
  assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL);
  const countryOfResidence = requireCountryCode(input.countryOfResidence, 'input.countryOfResidence');
  const profile: ProfileValues = {
    fullName: requireText(input.fullName, 200, 'input.fullName'),
    academicTitle: input.academicTitle ?? null,
    degree: input.degree ?? null,
    countryOfResidence,
    keywords: requireKeywords(input.keywords ?? [], 'input.keywords'),
    languages: checkLanguages(input.languages ?? []),
    orcid: input.orcid == null ? null : requireOrcid(input.orcid, 'input.orcid'),
    ...checkBiography(input.biography),
    availability: input.availability ?? 'AVAILABLE',
    ...willingnessColumns(input.willingTo ?? []),
  };
  const areaCodes = checkAreaCodes(input.expertiseAreaCodes ?? []);
  const affiliationRows = checkAffiliations(input.affiliations ?? []);
  const contact = input.contact ? checkContact(input.contact, { email: null, phone: null }) : null;

  return write(context, { operation: 'createExpert', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const areas = await resolveAreaCodes(tx, areaCodes);
    const id = newId();
    await checkOrcidFree(tx, profile.orcid, id);
    const expert = await insertExpert(tx, { id, ...profile, ...expertDerivedColumns(profile), synthetic: false, provenance: apiProvenance(context, false) });
    await replaceExpertAreas(
      tx,
      id,
      areas.map((area) => area.id),
    );
    await replaceAffiliations(tx, id, affiliationRows);
    if (contact) await saveContact(tx, id, contact, new Date());
    const after = snapshot(expert, areas, affiliationRows);
    await emit(
      createdEvent({
        type: 'expert.created',
        entityType: 'Expert',
        entityId: id,
        // `contact` by name only when details were given: the values never leave their table.
        changedFields: [...Object.keys(after), ...(contact ? ['contact'] : [])].sort(),
        after,
        access: PUBLIC_ACCESS,
      }),
    );
    return expert;
  }).catch(orcidRace);
}

export async function updateExpert(context: ExpertsWriteContext, input: UpdateExpertInput): Promise<WriteResult<ExpertModel>> {
  assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL);
  // Checked before the transaction: a bad field fails fast and names itself.
  const changes: Partial<ProfileValues> = {
    ...(input.fullName != null ? { fullName: requireText(input.fullName, 200, 'input.fullName') } : {}),
    ...(input.academicTitle !== undefined ? { academicTitle: input.academicTitle } : {}),
    ...(input.degree !== undefined ? { degree: input.degree } : {}),
    ...(input.countryOfResidence != null ? { countryOfResidence: requireCountryCode(input.countryOfResidence, 'input.countryOfResidence') } : {}),
    ...(input.keywords != null ? { keywords: requireKeywords(input.keywords, 'input.keywords') } : {}),
    ...(input.languages != null ? { languages: checkLanguages(input.languages) } : {}),
    ...(input.orcid !== undefined ? { orcid: input.orcid === null ? null : requireOrcid(input.orcid, 'input.orcid') } : {}),
    ...(input.biography !== undefined ? checkBiography(input.biography) : {}),
    ...(input.availability != null ? { availability: input.availability } : {}),
    ...(input.willingTo != null ? willingnessColumns(input.willingTo) : {}),
  };
  for (const field of ['fullName', 'countryOfResidence', 'keywords', 'languages', 'availability', 'willingTo', 'affiliations', 'expertiseAreaCodes'] as const) {
    if (input[field] === null) throw badUserInput(`"input.${field}" cannot be cleared; leave it out to keep it`, `input.${field}`);
  }
  const areaCodes = input.expertiseAreaCodes != null ? checkAreaCodes(input.expertiseAreaCodes) : null;
  const nextAffiliations = input.affiliations != null ? checkAffiliations(input.affiliations) : null;

  return write(context, { operation: 'updateExpert', input }, async (tx, emit) => {
    // Locks the expert: concurrent updates queue here and the second sees the moved version.
    const current = await lockForUpdate(
      tx,
      experts,
      input.id,
      input.expectedVersion,
      publicRecordGuard(context.caller, 'Expert', () => assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL)),
    );

    const currentAreas = (await areasOfExperts(tx, [current.id])).map(({ area }) => ({ id: area.id, code: area.code }));
    const currentAffiliations = await affiliationsOfExpert(tx, current.id);
    const [currentContactRow] = await contactsByExpertIds(tx, [current.id]);
    const currentContact: ContactValues = { email: currentContactRow?.email ?? null, phone: currentContactRow?.phone ?? null };

    const areas = areaCodes ? await resolveAreaCodes(tx, areaCodes) : currentAreas;
    const profile: ProfileValues = { ...profileOf(current), ...changes };
    if (profile.orcid !== current.orcid) await checkOrcidFree(tx, profile.orcid, current.id);
    const nextContact =
      input.contact === undefined ? currentContact : input.contact === null ? { email: null, phone: null } : checkContact(input.contact, currentContact);
    const contactChanged = nextContact.email !== currentContact.email || nextContact.phone !== currentContact.phone;

    const now = new Date();
    const proposed: ExpertModel = { ...current, ...profile, ...expertDerivedColumns(profile), version: current.version + 1, updatedAt: now };
    const before = snapshot(current, currentAreas, currentAffiliations);
    const after = snapshot(proposed, areas, nextAffiliations ?? currentAffiliations);
    // The field name `contact` only, never its values: the feed must not carry personal data.
    const changed = [...changedFields(before, after), ...(contactChanged ? ['contact'] : [])].sort();
    if (!changed.length) return current; // nothing to write, nothing to announce: the answer is the record as it stands

    const updated = await saveExpert(tx, current.id, { ...profile, ...expertDerivedColumns(profile), version: current.version + 1, updatedAt: now });
    if (changed.includes('expertiseAreas'))
      await replaceExpertAreas(
        tx,
        current.id,
        areas.map((area) => area.id),
      );
    if (changed.includes('affiliations') && nextAffiliations) await replaceAffiliations(tx, current.id, nextAffiliations);
    if (contactChanged) await saveContact(tx, current.id, nextContact, now);
    await emit(
      updatedEvent({
        type: 'expert.updated',
        entityType: 'Expert',
        entityId: current.id,
        version: updated.version,
        changedFields: changed,
        before,
        after,
        access: PUBLIC_ACCESS,
      }),
    );
    return updated;
  }).catch(orcidRace);
}
