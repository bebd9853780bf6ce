import type { Resolvers } from '../generated/graphql';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Organization };
