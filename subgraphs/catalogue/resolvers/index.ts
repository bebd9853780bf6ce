import type { Resolvers } from '../generated/graphql';
import { DataService } from './DataService';
import { Dataset } from './Dataset';
import { DatasetAccessGrant } from './DatasetAccessGrant';
import { DatasetSeries } from './DatasetSeries';
import { DataTheme } from './DataTheme';
import { Distribution } from './Distribution';
import { Indicator } from './Indicator';
import { Mutation } from './Mutation';
import { Observation } from './Observation';
import { ObservationRevision } from './ObservationRevision';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Dataset,
  DatasetAccessGrant,
  Distribution,
  DatasetSeries,
  DataService,
  DataTheme,
  Indicator,
  Observation,
  ObservationRevision,
  Organization,
};
