import type { Resolvers } from '../generated/graphql';
import { InnovationHub } from './InnovationHub';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, InnovationHub, Organization };
