import type { RequestContext } from './context';
import { notFound } from './errors';
import type { WriteResult } from './outbox';

/**
 * What a mutation answers with: the record its write committed, read after the commit, never a
 * copy the request read before. The request's loaders may hold rows from before the write (input
 * checks, an earlier mutation of the same document: `a: update(v1) b: update(v2)`), so they are
 * all renewed first; the record and every nested field of the answer are then read as committed.
 * Mutation fields run one after another, so nothing else of the request is reading meanwhile.
 */
export async function committed<TSchema extends Record<string, unknown>, TLoaders, Row>(
  context: RequestContext<TSchema, TLoaders>,
  result: WriteResult,
  typename: string,
  load: (loaders: TLoaders, id: string) => Promise<Row | null | undefined>,
): Promise<Row> {
  // Assigned on the context the resolver holds: Apollo Server hands resolvers a copy of the one it was given.
  context.loaders = context.freshLoaders();
  const row = await load(context.loaders, result.entityId);
  if (row === null || row === undefined) throw notFound(typename, 'id', result.entityId);
  return row;
}
