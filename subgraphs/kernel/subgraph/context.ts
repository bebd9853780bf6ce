import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ANONYMOUS, type Caller } from '../identity/caller';
import type { Db } from '../platform/db';
import type { Peers } from './peers';

/** What every resolver receives: the subgraph's database and this request's DataLoaders. */
export interface RequestContext<TSchema extends Record<string, unknown>, TLoaders> {
  db: Db<TSchema>;
  /** Fresh per request so batching and caching never leak between callers. */
  loaders: TLoaders;
  /** New, empty loaders over `db`: after a write, what `loaders` cached may predate it (see committed.ts). */
  freshLoaders(): TLoaders;
  requestId: string;
  /** Who is asking, as the gateway's caller assertion says (see assertion.ts). */
  caller: Caller;
  /** The moment the request started; computed fields ("overdue") use it so one answer is consistent. */
  now: Date;
  /** The other subgraphs, asked on behalf of `caller` (peers.ts). */
  peers: Peers;
}

/** No other subgraph reachable: every peer is "not deployed". */
const NO_PEERS: Peers = { query: () => Promise.resolve(null) };

export function createRequestContext<TSchema extends Record<string, unknown>, TLoaders>(
  db: Db<TSchema>,
  createLoaders: (db: Db<TSchema>) => TLoaders,
  headers: IncomingHttpHeaders,
  /** Verified before the request reaches Apollo (server.ts); anonymous when not given. */
  caller: Caller = ANONYMOUS,
  peers: (caller: Caller) => Peers = () => NO_PEERS,
): RequestContext<TSchema, TLoaders> {
  const incoming = headers['x-request-id'];
  return {
    db,
    loaders: createLoaders(db),
    freshLoaders: () => createLoaders(db),
    requestId: typeof incoming === 'string' && incoming.length <= 100 ? incoming : randomUUID(),
    caller,
    now: new Date(),
    peers: peers(caller),
  };
}
