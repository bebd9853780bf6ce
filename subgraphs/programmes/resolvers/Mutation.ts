import { notFound } from '../../kernel/errors';
import type { MutationResolvers } from '../generated/graphql';
import type { Context } from '../context';
import { recordObservation, reviseObservation } from '../providers/observation-writes';
import { provisionalReach } from '../store/visibility';

/** Loads what a write answers with, after it committed. */
async function committedObservation(context: Context, id: string) {
  const observation = await context.loaders.observation.load({ id, reach: provisionalReach(context.caller) });
  if (!observation) throw notFound('Observation', 'id', id);
  return observation;
}

export const Mutation: MutationResolvers = {
  async recordObservation(_parent, { input }, context) {
    const result = await recordObservation(context, input);
    return { observation: await committedObservation(context, result.entityId), replayed: result.replayed };
  },
  async reviseObservation(_parent, { input }, context) {
    const result = await reviseObservation(context, input);
    return { observation: await committedObservation(context, result.entityId) };
  },
};
