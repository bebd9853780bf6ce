import { notFound } from '../../kernel/platform/errors';
import type { QueryResolvers } from '../generated/graphql';
import { areaByCode, listAreas } from '../store/areas';
import { expertByOrcid, findExperts, listExperts } from '../store/experts';
import { listNetworks, networkByCode } from '../store/networks';
import { requireOneKey, requireOrcid } from '../validation';

export const Query: QueryResolvers = {
  async expert(_parent, args, { db, loaders }) {
    const [key, value] = requireOneKey({ id: args.id, orcid: args.orcid });
    if (key === 'orcid') {
      const orcid = requireOrcid(value, 'orcid');
      const expert = await expertByOrcid(db, orcid);
      if (!expert) throw notFound('Expert', 'orcid', orcid);
      return expert;
    }
    const expert = await loaders.expert.load(value);
    if (!expert) throw notFound('Expert', 'id', value);
    return expert;
  },
  experts: (_parent, { filter, ...page }, { db }) => listExperts(db, page, filter),
  findExperts: (_parent, { filter, ...page }, { db }) => findExperts(db, page, filter),
  async expertiseArea(_parent, args, { db, loaders }) {
    const [key, value] = requireOneKey({ id: args.id, code: args.code });
    const area = key === 'id' ? await loaders.area.load(value) : await areaByCode(db, value.trim());
    if (!area) throw notFound('ExpertiseArea', key, value);
    return area;
  },
  expertiseAreas: (_parent, { filter, ...page }, { db }) => listAreas(db, page, filter),
  async network(_parent, args, { db, loaders }) {
    const [key, value] = requireOneKey({ id: args.id, code: args.code });
    const network = key === 'id' ? await loaders.network.load(value) : await networkByCode(db, value);
    if (!network) throw notFound('Network', key, value);
    return network;
  },
  networks: (_parent, { filter, ...page }, { db }) => listNetworks(db, page, filter),
};
