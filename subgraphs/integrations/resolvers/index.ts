import type { Resolvers } from '../generated/graphql';
import { ApiKey } from './ApiKey';
import { AuditActor } from './AuditActor';
import { AuditEntry } from './AuditEntry';
import { Change } from './Change';
import { ChangeActor } from './ChangeActor';
import { Mutation } from './Mutation';
import { Node, nodeTypeResolvers } from './Node';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { WebhookDelivery } from './WebhookDelivery';

export const resolvers: Resolvers = {
  ...nodeTypeResolvers,
  Node,
  Query,
  Mutation,
  Subscription,
  Change,
  ChangeActor,
  WebhookDelivery,
  ApiKey,
  AuditEntry,
  AuditActor,
};
