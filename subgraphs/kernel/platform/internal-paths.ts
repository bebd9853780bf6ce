/**
 * HTTP paths the processes of the graph call on each other, outside GraphQL. They are not
 * part of the public API; the gateway does not expose them.
 */

/** The integrations subgraph accepts relayed outbox events here. */
export const INGEST_PATH = '/internal/events';

/** The integrations subgraph's long poll for the head of the change log. */
export const CHANGE_HEAD_PATH = '/internal/changes/head';

/**
 * The integrations subgraph's long poll for what changed after a cursor: the source, entity
 * and operation of each event, nothing more (the gateway's response cache evicts by them).
 */
export const CHANGES_SINCE_PATH = '/internal/changes/since';

/** The integrations subgraph checks a presented API key here for the gateway (see gateway/auth). */
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';
