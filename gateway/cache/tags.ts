/**
 * Tags say what a cached response depends on, so a change evicts exactly the responses it
 * may have changed:
 *
 * - `subgraph:<name>` for every subgraph the response read from. Each subgraph answers from
 *   its own database only, and every committed write there emits a change event (the
 *   transactional outbox), so an event from that subgraph evicts it: its derived values
 *   (statuses, counts, facets, lists a created record joins) may have moved.
 * - `entity:<Type>:<id>` for every entity the response holds that the gateway saw with its
 *   key: those the subgraph answers named (`__typename` and `id`) and those passed between
 *   subgraphs (`_entities` representations). An event for that entity evicts it wherever it
 *   came from.
 */
export const subgraphTag = (subgraph: string): string => `subgraph:${subgraph}`;
export const entityTag = (type: string, id: string): string => `entity:${type}:${id}`;

/** The tags one change event evicts. */
export function tagsOfChange(change: { source: string; entityType: string; entityId: string }): string[] {
  return [subgraphTag(change.source), entityTag(change.entityType, change.entityId)];
}

/** Adds to `into` a tag for every object in `value` (any depth) that has both `__typename` and `id`. */
export function collectEntityTags(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectEntityTags(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.__typename === 'string' && (typeof record.id === 'string' || typeof record.id === 'number')) {
    into.add(entityTag(record.__typename, String(record.id)));
  }
  for (const child of Object.values(record)) if (child !== null && typeof child === 'object') collectEntityTags(child, into);
}
