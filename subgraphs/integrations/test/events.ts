import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';

/** UBND TP Hà Nội, seeded by the programmes subgraph: its events resolve to a real entity. */
export const ORGANIZATION_ID = '215b30bd-76bd-5047-8b2e-0993a9883be5';

/**
 * The `n`th public `organization.updated` event of a test, as a domain subgraph's relay hands
 * it to integrations; `series` keeps the ids of test files apart.
 */
export function organizationEvent(n: number, overrides: Partial<RelayedEvent> = {}, series = '9000'): RelayedEvent {
  return {
    position: n,
    eventId: `00000000-0000-4000-${series}-${String(n).padStart(12, '0')}`,
    source: 'programmes',
    type: 'organization.updated',
    entityType: 'Organization',
    entityId: ORGANIZATION_ID,
    operation: 'UPDATE',
    entityVersion: n + 1,
    occurredAt: new Date(),
    actor: { role: 'editor', subject: 'test', organizationId: null, requestId: `req-${n}` },
    changedFields: ['website'],
    before: null,
    after: { website: `https://example.invalid/${n}` },
    access: { level: 'PUBLIC', ownerOrganizationId: null },
    ...overrides,
  };
}

/** A subscription's results, as the graphql-ws and graphql-sse clients iterate them. */
export type SubscriptionResults = AsyncIterableIterator<{ data?: unknown; errors?: unknown }>;

/** Reads `count` changes from a subscription (`changes` of each result), failing on any error, then stops it. */
export async function takeChanges<TChange>(iterator: SubscriptionResults, count: number): Promise<TChange[]> {
  const received: TChange[] = [];
  while (received.length < count) {
    const { value, done } = await iterator.next();
    if (done) break;
    expect(value.errors).toBeUndefined();
    received.push((value.data as { changes: TChange }).changes);
  }
  await iterator.return?.();
  return received;
}

/**
 * Waits until a subscription opened without `after` has taken its starting point (the newest
 * change when it started), on a condition rather than a guess of time: publishes one marker
 * change at a time until the subscription yields one, then reads on to the last marker
 * published. What is published after this returns is the subscription's next changes.
 * `publishMarker` publishes a change the subscription's filter lets through and returns its id.
 */
export async function untilListening(iterator: SubscriptionResults, publishMarker: () => Promise<string>): Promise<void> {
  const idOf = (value: { data?: unknown; errors?: unknown }) => {
    expect(value.errors).toBeUndefined();
    return (value.data as { changes: { id: string } }).changes.id;
  };
  const markers: string[] = [];
  const first = iterator.next();
  const arrived = first.then(() => true);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`The subscription delivered none of ${markers.length} marker changes in 60 s`);
    markers.push(await publishMarker());
    const waited = new Promise<false>((resolve) => setTimeout(() => resolve(false), 250));
    if (await Promise.race([arrived, waited])) break;
  }
  let seen = idOf((await first).value);
  expect(markers).toContain(seen);
  while (seen !== markers.at(-1)) seen = idOf((await iterator.next()).value);
}
