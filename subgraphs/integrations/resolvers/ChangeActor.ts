import type { ChangeActorResolvers } from '../generated/graphql';

export const ChangeActor: ChangeActorResolvers = {
  organization: (actor) => (actor.organizationId ? { id: actor.organizationId } : null),
};
