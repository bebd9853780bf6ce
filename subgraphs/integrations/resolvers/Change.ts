import { encodeCursor } from '../../kernel/pagination';
import type { ChangedEntity, ChangeResolvers } from '../generated/graphql';

type EntityTypename = NonNullable<ChangedEntity['__typename']>;

/** The members of the `ChangedEntity` union; a change of any other type has no `entity`. */
const ENTITY_TYPENAMES = new Set<string>([
  'Organization', 'Programme', 'Indicator', 'Observation', 'Task', 'ResearchProject',
  'Startup', 'StartupProject', 'InnovationHub', 'Cohort', 'FundingRound',
  'Expert', 'Membership', 'Engagement', 'Dataset', 'Distribution',
] satisfies EntityTypename[]);

export const Change: ChangeResolvers = {
  id: (change) => change.eventId,
  cursor: (change) => encodeCursor([change.sequence]),
  version: (change) => change.entityVersion,
  actor: (change) => change.actor,
  // A reference by type name and id: the gateway fetches the fields from the owning subgraph.
  entity: (change) =>
    change.operation === 'DELETE' || !ENTITY_TYPENAMES.has(change.entityType)
      ? null
      : { __typename: change.entityType as EntityTypename, id: change.entityId },
};
