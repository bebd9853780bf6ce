import type { Resolvers } from '../generated/graphql';
import { Change } from './Change';
import { ChangeActor } from './ChangeActor';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Change, ChangeActor };
