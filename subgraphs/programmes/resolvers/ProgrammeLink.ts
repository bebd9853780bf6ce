import { notFound } from '../../kernel/platform/errors';
import type { ProgrammeLinkResolvers } from '../generated/graphql';
import type { Loaders } from '../loaders';

async function programmeOrFail(loaders: Loaders, id: string) {
  const programme = await loaders.programme.load(id);
  // Links are seeded between existing programmes; a dangling one is a data error, reported as such.
  if (!programme) throw notFound('Programme', 'id', id);
  return programme;
}

export const ProgrammeLink: ProgrammeLinkResolvers = {
  from: (link, _args, { loaders }) => programmeOrFail(loaders, link.fromId),
  to: (link, _args, { loaders }) => programmeOrFail(loaders, link.toId),
};
