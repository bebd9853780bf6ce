import { badUserInput, notFound } from '../../kernel/errors';
import type { QueryResolvers } from '../generated/graphql';
import { vietnamDate } from '../rules/decree47';
import { listDataServices } from '../store/dataServices';
import { datasetByIdentifier, listDatasets } from '../store/datasets';
import { canSeeDataset } from '../store/visibility';
import { DATA_THEMES, LICENCES } from '../vocabularies';

export const Query: QueryResolvers = {
  async dataset(_parent, { id, identifier }, { db, loaders, caller }) {
    if ((id == null) === (identifier == null)) throw badUserInput('Pass exactly one of "id" and "identifier"', id == null ? 'id' : 'identifier');
    if (id != null) {
      const dataset = await loaders.dataset.load(id);
      // A dataset the caller may not see is reported as missing, so its existence does not leak.
      if (!dataset || !canSeeDataset(caller, dataset)) throw notFound('Dataset', 'id', id);
      return dataset;
    }
    const dataset = await datasetByIdentifier(db, identifier!, caller);
    if (!dataset) throw notFound('Dataset', 'identifier', identifier!);
    return dataset;
  },
  datasets: (_parent, { filter, orderBy, ...args }, { db, caller, now }) =>
    listDatasets(db, { args, filter, orderBy, caller, today: vietnamDate(now) }),
  dataServices: (_parent, args, { db }) => listDataServices(db, args),
  themes: () => DATA_THEMES,
  licences: () => LICENCES,
};
