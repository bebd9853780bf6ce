import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ANONYMOUS, type Caller } from './caller';
import type { Db } from './db';

/** What every resolver receives: the subgraph's database and this request's DataLoaders. */
export interface RequestContext<TSchema extends Record<string, unknown>, TLoaders> {
  db: Db<TSchema>;
  /** Fresh per request so batching and caching never leak between callers. */
  loaders: TLoaders;
  requestId: string;
  /** Who is asking; anonymous until authentication is in place. */
  caller: Caller;
  /** The moment the request started; computed fields ("overdue") use it so one answer is consistent. */
  now: Date;
}

export function createRequestContext<TSchema extends Record<string, unknown>, TLoaders>(
  db: Db<TSchema>,
  createLoaders: (db: Db<TSchema>) => TLoaders,
  headers: IncomingHttpHeaders,
): RequestContext<TSchema, TLoaders> {
  const incoming = headers['x-request-id'];
  return {
    db,
    loaders: createLoaders(db),
    requestId: typeof incoming === 'string' && incoming.length <= 100 ? incoming : randomUUID(),
    caller: ANONYMOUS,
    now: new Date(),
  };
}
