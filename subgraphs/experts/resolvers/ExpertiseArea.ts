import type { ExpertiseAreaResolvers } from '../generated/graphql';

export const ExpertiseArea: ExpertiseAreaResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.area.load(reference.id),
  name: (area) => ({ vi: area.nameVi, en: area.nameEn }),
  depth: (area) => area.level,
  scopeNote: (area) => area.note,
  parent: (area, _args, { loaders }) => (area.parentId ? loaders.area.load(area.parentId) : null),
  children: (area, _args, { loaders }) => loaders.childrenOfArea.load(area.id),
  async related(area, _args, { loaders }) {
    const related = await loaders.area.loadMany(area.relatedIds);
    return related.filter((entry): entry is Exclude<typeof entry, Error | null> => entry !== null && !(entry instanceof Error));
  },
};
