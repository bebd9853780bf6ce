import { committed } from '../../kernel/subgraph/committed';
import type { WriteResult } from '../../kernel/subgraph/outbox';
import type { MutationResolvers } from '../generated/graphql';
import type { Context } from '../context';
import type { ObservationModel } from '../models';
import { provisionalReach } from '../store/visibility';
import { recordObservation, reviseObservation } from '../writes/observations';

/** The observation as committed (kernel/subgraph/committed.ts), as far as the caller's reach into provisional values goes. */
const observation = (context: Context, result: WriteResult<ObservationModel>) =>
  committed(context, result, 'Observation', (loaders, id) => loaders.observation.load({ id, reach: provisionalReach(context.caller) }));

export const Mutation: MutationResolvers = {
  async recordObservation(_parent, { input }, context) {
    const result = await recordObservation(context, input);
    return { observation: await observation(context, result), replayed: result.replayed };
  },
  async reviseObservation(_parent, { input }, context) {
    const result = await reviseObservation(context, input);
    return { observation: await observation(context, result) };
  },
};
