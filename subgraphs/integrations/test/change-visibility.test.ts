import { eventVisibleTo, type EventAccess, type Scope } from '../../kernel/identity/access-policy';
import { ANONYMOUS, type Caller } from '../../kernel/identity/caller';
import type { DatabaseHandle, Db } from '../../kernel/platform/db';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { openTestDatabase } from '../../kernel/testing/database';
import { integrations } from '..';
import * as schema from '../db/schema';
import { appendEvents, changeVisibleTo, listChanges } from '../store/change-log';

/**
 * The change feed's SQL condition (`visibleChanges`, what `changes` lists and counts) against
 * the kernel's `eventVisibleTo` (what webhooks apply in memory): a grid of events, every
 * level × draft × owner × grants, read by every kind of caller.
 */
const [A, B, C] = ['org-a', 'org-b', 'org-c'];
const LEVELS: Array<EventAccess['level']> = ['PUBLIC', 'RESTRICTED', 'INTERNAL'];
const OWNERS = [null, A, B];
const GRANTS = [[], [A], [B, C]];

const GRID: EventAccess[] = LEVELS.flatMap((level) =>
  [false, true].flatMap((draft) =>
    OWNERS.flatMap((ownerOrganizationId) => GRANTS.map((grantedOrganizationIds) => ({ level, draft, ownerOrganizationId, grantedOrganizationIds }))),
  ),
);

const key = (access: EventAccess) =>
  `${access.level}/${access.draft ? 'draft' : 'final'}/${access.ownerOrganizationId ?? '-'}/${access.grantedOrganizationIds?.join('+') || '-'}`;

function event(n: number, access: EventAccess): RelayedEvent {
  return {
    position: n,
    eventId: key(access),
    source: 'catalogue',
    type: 'dataset.updated',
    entityType: 'Dataset',
    entityId: `dataset-${n}`,
    operation: 'UPDATE',
    entityVersion: 2,
    occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)),
    actor: { role: 'editor', subject: 'grid', organizationId: access.ownerOrganizationId, requestId: `grid-${n}` },
    changedFields: ['title'],
    before: null,
    after: null,
    access,
  };
}

const token = (role: Caller['role'], organizationId: string | null = null, extra: Partial<Caller> = {}): Caller => ({
  role,
  organizationId,
  subject: `${role}-${organizationId ?? 'none'}`,
  ...extra,
});
const apiKey = (role: Caller['role'], organizationId: string | null, scopes: Scope[]): Caller => ({
  role,
  organizationId,
  subject: `apikey:${role}-${organizationId ?? 'none'}-${scopes.join('+')}`,
  scopes,
  credential: 'apiKey',
});

const CALLERS: Array<[string, Caller]> = [
  ['anonymous', ANONYMOUS],
  ...[A, B, C].map((org): [string, Caller] => [`partner of ${org}`, token('partner', org)]),
  ...[A, B, C].map((org): [string, Caller] => [`editor of ${org}`, token('editor', org)]),
  ['editor of org-c named for catalogue', token('editor', C, { domains: ['catalogue'] })],
  ['integrator', token('integrator')],
  ['integrator of org-a', token('integrator', A)],
  ['admin', token('admin')],
  ['admin of org-b', token('admin', B)],
  ['partner key of org-a (CHANGES)', apiKey('partner', A, ['CHANGES'])],
  ['partner key of org-b (no scope)', apiKey('partner', B, [])],
  ['editor key of org-b (WRITE, CHANGES)', apiKey('editor', B, ['WRITE', 'CHANGES'])],
  ['integrator key (CHANGES, WEBHOOKS)', apiKey('integrator', null, ['CHANGES', 'WEBHOOKS'])],
  ['integrator key of org-c (no scope)', apiKey('integrator', C, [])],
];

describe('change feed visibility: SQL and memory agree', () => {
  let database: DatabaseHandle<typeof schema>;
  let db: Db<typeof schema>;

  /** The grid keys `caller` gets from `changes` (one page holds the whole grid), and its totalCount. */
  const listed = async (caller: Caller) => {
    const page = await listChanges(db, caller, { first: 100 });
    return { keys: page.nodes.map((change) => change.eventId), totalCount: await page.totalCount() };
  };

  beforeAll(async () => {
    database = await openTestDatabase(integrations);
    await database.migrate();
    db = database.db;
    expect(
      await appendEvents(
        db,
        GRID.map((access, n) => event(n, access)),
      ),
    ).toBe(GRID.length);
  });
  afterAll(() => database?.close());

  it.each(CALLERS)('%s: `changes` lists and counts exactly the events eventVisibleTo allows', async (_name, caller) => {
    const expected = GRID.filter((access) => eventVisibleTo(caller, access)).map(key);
    const { keys, totalCount } = await listed(caller);
    expect(keys).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    // The stored columns give the in-memory check (webhooks) the same answer as the event's own access.
    const stored = await db.select().from(schema.changeLog);
    expect(
      stored
        .filter((change) => changeVisibleTo(caller, change))
        .map((change) => change.eventId)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('follows the policy itself: a few literal answers', async () => {
    const sees = async (caller: Caller) => new Set((await listed(caller)).keys);

    const anonymous = await sees(ANONYMOUS);
    expect(anonymous.size).toBe(9); // PUBLIC, not draft: 3 owners × 3 grants
    expect([...anonymous].every((k) => k.startsWith('PUBLIC/final/'))).toBe(true);
    expect(await sees(token('integrator', A))).toEqual(anonymous);
    expect((await sees(token('admin'))).size).toBe(GRID.length);

    const partnerB = await sees(token('partner', B));
    expect(partnerB.has('RESTRICTED/final/org-b/-')).toBe(true); // its own
    expect(partnerB.has('RESTRICTED/final/org-a/org-b+org-c')).toBe(true); // granted to it
    expect(partnerB.has('RESTRICTED/final/org-a/org-a')).toBe(false); // granted to someone else
    expect(partnerB.has('INTERNAL/final/org-b/-')).toBe(true);
    expect(partnerB.has('INTERNAL/final/org-a/org-b+org-c')).toBe(false); // a grant does not open INTERNAL
    expect(partnerB.has('PUBLIC/draft/org-a/-')).toBe(true); // partners see drafts
    expect(partnerB.has('RESTRICTED/draft/org-a/org-b+org-c')).toBe(true);

    const editorA = await sees(token('editor', A));
    expect(editorA.has('RESTRICTED/final/org-a/-')).toBe(true);
    expect(editorA.has('RESTRICTED/final/org-b/org-a')).toBe(false); // editors read restricted records of their own organisation only
    expect(editorA.has('PUBLIC/draft/org-a/-')).toBe(true);
    expect(editorA.has('PUBLIC/draft/org-b/-')).toBe(false); // another organisation's draft
    expect(editorA.has('PUBLIC/draft/-/-')).toBe(false); // an ownerless draft is no editor's own

    const partnerC = await sees(token('partner', C));
    expect(partnerC.has('RESTRICTED/final/org-b/org-b+org-c')).toBe(true);
    expect(partnerC.has('INTERNAL/final/org-b/org-b+org-c')).toBe(false);
  });
});
