import { absoluteOnPublicUrl } from '../../kernel/platform/public-url';
import type { DataServiceResolvers } from '../generated/graphql';
import { onlyListed } from '../store/visibility';

export const DataService: DataServiceResolvers = {
  title: (service) => ({ vi: service.titleVi, en: service.titleEn }),
  description: (service) => (service.descriptionVi ? { vi: service.descriptionVi, en: service.descriptionEn } : null),
  endpointUrl: (service) => absoluteOnPublicUrl(service.endpointUrl),
  endpointDescription: (service) => (service.endpointDescription ? absoluteOnPublicUrl(service.endpointDescription) : null),
  publisher: (service) => (service.publisherId ? { id: service.publisherId } : null),
  servesDatasets: async (service, _args, context) =>
    onlyListed(
      context,
      (await context.loaders.datasetsServedBy.load(service.id)).map((row) => row.dataset),
    ),
};
