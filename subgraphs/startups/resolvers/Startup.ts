import type { StartupResolvers } from '../generated/graphql';
import { isInnovativeStartup } from '../rules/innovative-startup';
import { hanoiDate } from '../../kernel/platform/time';

export const Startup: StartupResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.startup.load(reference.id),
  // A startup's name is a proper name, the same in every language: `vi` holds it, `en` is null.
  name: (startup) => ({ vi: startup.name, en: null }),
  startupStage: (startup) => startup.stage,
  startupStatus: (startup) => startup.status,
  isInnovativeStartup: (startup, { asOf }, { now }) => isInnovativeStartup(startup.foundedOn, asOf ?? hanoiDate(now)),
  certifications: (startup, _args, { loaders }) => loaders.certificationsByStartup.load(startup.id),
  fundingRounds: (startup, _args, { loaders }) => loaders.roundsByStartup.load(startup.id),
  hubParticipations: (startup, _args, { loaders }) => loaders.participationsByStartup.load(startup.id),
  project: (startup, _args, { loaders }) => (startup.projectId ? loaders.project.load(startup.projectId) : null),
};
