import { inSyntheticScope, requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { ProgrammeResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Programme: ProgrammeResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the programme's kind by default.
  __resolveReference: (reference) => reference,
  advisers: async (programme, { synthetic }, { loaders }) =>
    inSyntheticScope(await loaders.advisersOfProgramme.load(programme.id), syntheticScope(requiredSynthetic(programme), synthetic)),
};
