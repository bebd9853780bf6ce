import type { RequestContext } from '../kernel/subgraph/context';
import type * as schema from './db/schema';
import type { Loaders } from './loaders';

export type Context = RequestContext<typeof schema, Loaders>;
