import type { Context } from '../context';

/**
 * What every write of this subgraph takes from its request. Integrations writes no domain
 * records and emits no change events: each write is audited in its own transaction instead
 * (store/audit-log.ts `auditOwnWrite`, with the caller and request id), and authorised with
 * kernel `assertAllowed` on its rule (rules/refusals.ts says who may, in words).
 */
export type WriteContext = Pick<Context, 'db' | 'caller' | 'requestId' | 'now'>;
