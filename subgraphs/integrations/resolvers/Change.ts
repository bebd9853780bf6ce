import { encodeCursor } from '../../kernel/platform/pagination';
import { changePayloadFor } from '../store/change-log';
import type { ChangedEntity, ChangeResolvers } from '../generated/graphql';

type EntityTypename = NonNullable<ChangedEntity['__typename']>;

/** The members of the `ChangedEntity` union; a change of any other type has no `entity`. */
const ENTITY_TYPENAMES = new Set<string>([
  'Organization',
  'Programme',
  'Indicator',
  'Observation',
  'Task',
  'ResearchProject',
  'Startup',
  'StartupProject',
  'InnovationHub',
  'Cohort',
  'FundingRound',
  'Expert',
  'Membership',
  'Engagement',
  'Dataset',
  'Distribution',
] satisfies EntityTypename[]);

export const Change: ChangeResolvers = {
  id: (change) => change.eventId,
  cursor: (change) => encodeCursor([change.sequence]),
  version: (change) => change.entityVersion,
  actor: (change) => change.actor,
  // The event's field rules, for this reader: the same filter webhooks apply for their owner.
  changedFields: (change, _args, { caller }) => [...changePayloadFor(caller, change).changedFields],
  before: (change, _args, { caller }) => changePayloadFor(caller, change).before,
  after: (change, _args, { caller }) => changePayloadFor(caller, change).after,
  // A reference by type name and id: the gateway fetches the fields from the owning subgraph.
  entity: (change) =>
    change.operation === 'DELETE' || !ENTITY_TYPENAMES.has(change.entityType) ? null : { __typename: change.entityType as EntityTypename, id: change.entityId },
};
