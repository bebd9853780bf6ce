import { canReadPersonalData } from '../../kernel/identity/caller';
import { forbidden } from '../../kernel/platform/errors';
import type { ExpertResolvers } from '../generated/graphql';
import type { ExpertModel } from '../models';

/** Abbreviations Vietnamese documents put before a name: title then degree (`PGS.TS.`). */
const TITLE_ABBREVIATION = { PROFESSOR: 'GS', ASSOCIATE_PROFESSOR: 'PGS' } as const;
const DEGREE_ABBREVIATION = { DOCTOR_OF_SCIENCE: 'TSKH', DOCTOR: 'TS', MASTER: 'ThS', BACHELOR: null } as const;

export function displayName(expert: Pick<ExpertModel, 'fullName' | 'academicTitle' | 'degree'>): string {
  const parts = [expert.academicTitle && TITLE_ABBREVIATION[expert.academicTitle], expert.degree && DEGREE_ABBREVIATION[expert.degree]].filter(Boolean);
  return parts.length ? `${parts.join('.')}. ${expert.fullName}` : expert.fullName;
}

export const Expert: ExpertResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.expert.load(reference.id),
  displayName: (expert) => displayName(expert),
  affiliations: (expert, _args, { loaders }) => loaders.affiliationsOfExpert.load(expert.id),
  expertiseAreas: (expert, _args, { loaders }) => loaders.areasOfExpert.load(expert.id),
  biography: (expert) => (expert.biographyVi ? { vi: expert.biographyVi, en: expert.biographyEn } : null),
  willingTo: (expert) => [
    ...(expert.willingToMentor ? (['MENTOR'] as const) : []),
    ...(expert.willingToReview ? (['REVIEW'] as const) : []),
    ...(expert.willingToAdvise ? (['ADVISE'] as const) : []),
  ],
  // The one place contact details are read: every path to an expert (list, entity reference,
  // nested under another subgraph's record) resolves this field, so the check cannot be skipped.
  async contact(expert, _args, { caller, loaders }) {
    if (!canReadPersonalData(caller)) {
      throw forbidden("An expert's contact details are personal data: only partners and administrators may read them");
    }
    return loaders.contact.load(expert.id);
  },
  memberships: (expert, _args, { loaders }) => loaders.membershipsOfExpert.load(expert.id),
  engagements: (expert, _args, { loaders }) => loaders.engagementsOfExpert.load(expert.id),
};
