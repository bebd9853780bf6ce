import { badUserInput, notFound } from '../../kernel/platform/errors';
import type { QueryResolvers } from '../generated/graphql';
import { listDataServices } from '../store/dataServices';
import { datasetByIdentifier, listDatasets } from '../store/datasets';
import { mayLookUpDataset } from '../store/visibility';
import { DATA_THEMES, LICENCES } from '../vocabularies';
import { hanoiDate } from '../../kernel/platform/time';

export const Query: QueryResolvers = {
  async dataset(_parent, { id, identifier }, context) {
    if ((id == null) === (identifier == null)) throw badUserInput('Pass exactly one of "id" and "identifier"', id == null ? 'id' : 'identifier');
    if (id != null) {
      const dataset = await context.loaders.dataset.load(id);
      // A dataset the caller may not see is reported as missing, so its existence does not leak.
      if (!dataset || !(await mayLookUpDataset(context, dataset))) throw notFound('Dataset', 'id', id);
      return dataset;
    }
    const dataset = await datasetByIdentifier(context.db, identifier!, context.caller, hanoiDate(context.now));
    if (!dataset) throw notFound('Dataset', 'identifier', identifier!);
    return dataset;
  },
  datasets: (_parent, { filter, orderBy, ...args }, { db, caller, now }) => listDatasets(db, { args, filter, orderBy, caller, today: hanoiDate(now) }),
  dataServices: (_parent, args, { db }) => listDataServices(db, args),
  themes: () => DATA_THEMES,
  licences: () => LICENCES,
};
