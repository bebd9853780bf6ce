import { notFound } from '../../kernel/errors';
import type { QueryResolvers } from '../generated/graphql';
import { listHubs } from '../store/hubs';

export const Query: QueryResolvers = {
  async hub(_parent, { id }, { loaders }) {
    const hub = await loaders.hub.load(id);
    if (!hub) throw notFound('InnovationHub', 'id', id);
    return hub;
  },
  hubs: (_parent, page, { db }) => listHubs(db, page),
};
