import type { RequestContext } from './context';
import { notFound } from '../platform/errors';
import type { WriteResult } from './outbox';

/**
 * What a mutation answers with: the record as its write committed it, never a copy the request
 * read before. The request's loaders may hold rows from before the write (input checks, an
 * earlier mutation of the same document: `a: update(v1) b: update(v2)`), so they are all renewed
 * first. The record itself is the row the transaction wrote (`result.row`) when the write
 * returned it; on an idempotent replay or a no-op it is read as committed. Nested fields of the
 * answer are then read through the fresh loaders. Mutation fields run one after another, so
 * nothing else of the request is reading meanwhile.
 */
export async function committed<TSchema extends Record<string, unknown>, TLoaders, Row>(
  context: RequestContext<TSchema, TLoaders>,
  result: WriteResult<Row>,
  typename: string,
  load: (loaders: TLoaders, id: string) => Promise<Row | null | undefined>,
): Promise<Row> {
  // Assigned on the context the resolver holds: Apollo Server hands resolvers a copy of the one it was given.
  context.loaders = context.freshLoaders();
  if (result.row !== null) return result.row;
  const row = await load(context.loaders, result.entityId);
  if (row === null || row === undefined) throw notFound(typename, 'id', result.entityId);
  return row;
}
