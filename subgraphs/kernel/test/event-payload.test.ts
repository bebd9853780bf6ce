import { eventPayloadFor, EVENT_FIELD_RULES, RULE_IDS, type EventAccess, type EventPayload } from '../identity/access-policy';
import { ANONYMOUS, type Caller } from '../identity/caller';
import { nothingChanged, updatedEvent } from '../subgraph/outbox';

/**
 * The event field rules (kernel/identity/access-policy.ts EVENT_FIELD_RULES) decided literally, one per
 * field rule of the query path: what `changes`, subscriptions and webhooks show each reader.
 */
const PUBLISHER = 'org-publisher';
const GRANTEE = 'org-grantee';
const partner = (organizationId: string): Caller => ({ role: 'partner', organizationId, subject: `p-${organizationId}` });
const editor = (organizationId: string, domains: Caller['domains'] = []): Caller => ({
  role: 'editor',
  organizationId,
  subject: `e-${organizationId}`,
  domains,
});
const admin: Caller = { role: 'admin', organizationId: null, subject: 'a' };
const integrator: Caller = { role: 'integrator', organizationId: null, subject: 'i' };

const grantAccess: EventAccess = { level: 'RESTRICTED', ownerOrganizationId: PUBLISHER, grantedOrganizationIds: [GRANTEE] };
const grantTerms = {
  organizationId: GRANTEE,
  grantedBy: 'editor-1',
  grantedAt: '2025-01-01T00:00:00Z',
  expiresOn: null,
  note: 'for the review',
  revokedAt: null,
  revokedBy: null,
};
const grantEvent: EventPayload = {
  changedFields: ['grantedAt', 'note'],
  before: { id: 'g1', datasetId: 'd1', ...grantTerms, note: 'old' },
  after: { id: 'g1', datasetId: 'd1', ...grantTerms },
};

describe('event payloads follow the field rules, per reader', () => {
  it('declares only rules that exist', () => {
    for (const rules of Object.values(EVENT_FIELD_RULES)) for (const rule of Object.values(rules.fields ?? {})) expect(RULE_IDS).toContain(rule);
  });

  it('attack 4: a grant’s terms (Dataset.accessGrants) reach only the publisher’s editors and admins, not its partners nor the grantee', () => {
    const shown = (caller: Caller) => eventPayloadFor(caller, 'DatasetAccessGrant', grantAccess, grantEvent);
    for (const caller of [editor(PUBLISHER), admin]) expect(shown(caller)).toEqual(grantEvent);
    for (const caller of [partner(PUBLISHER), partner(GRANTEE), editor(GRANTEE), editor('org-x', ['catalogue'])]) {
      expect(shown(caller)).toEqual({ changedFields: [], before: { id: 'g1', datasetId: 'd1' }, after: { id: 'g1', datasetId: 'd1' } });
    }
  });

  it('an expert’s contact details are named (and, were they ever carried, valued) only to partners and admins', () => {
    const payload: EventPayload = { changedFields: ['contact', 'fullName'], before: { fullName: 'A', email: 'a@x.vn' }, after: { fullName: 'B', phone: '1' } };
    expect(eventPayloadFor(partner('org-x'), 'Expert', { level: 'PUBLIC', ownerOrganizationId: PUBLISHER }, payload)).toEqual(payload);
    for (const caller of [ANONYMOUS, editor(PUBLISHER), integrator]) {
      expect(eventPayloadFor(caller, 'Expert', { level: 'PUBLIC', ownerOrganizationId: PUBLISHER }, payload)).toEqual({
        changedFields: ['fullName'],
        before: { fullName: 'A' },
        after: { fullName: 'B' },
      });
    }
  });

  it('a PROVISIONAL value in a snapshot is null to readers without the draft rule', () => {
    const payload: EventPayload = { changedFields: ['status', 'value'], before: { value: 5, status: 'PROVISIONAL' }, after: { value: 6, status: 'FINAL' } };
    const access: EventAccess = { level: 'PUBLIC', ownerOrganizationId: PUBLISHER };
    expect(eventPayloadFor(ANONYMOUS, 'Observation', access, payload)).toEqual({ ...payload, before: null });
    expect(eventPayloadFor(editor('org-x', ['programmes']), 'Observation', access, payload).before).toBeNull();
    expect(eventPayloadFor(editor(PUBLISHER), 'Observation', access, payload)).toEqual(payload);
    expect(eventPayloadFor(partner('org-x'), 'Observation', access, payload)).toEqual(payload);
  });

  it('a DRAFT, RESTRICTED or INTERNAL dataset snapshot is null to readers its rule does not reach', () => {
    const access: EventAccess = { level: 'PUBLIC', ownerOrganizationId: PUBLISHER, grantedOrganizationIds: [GRANTEE] };
    const draftBefore: EventPayload = {
      changedFields: ['status'],
      before: { status: 'DRAFT', accessLevel: 'PUBLIC' },
      after: { status: 'PUBLISHED', accessLevel: 'PUBLIC' },
    };
    expect(eventPayloadFor(ANONYMOUS, 'Dataset', access, draftBefore).before).toBeNull();
    expect(eventPayloadFor(editor(PUBLISHER), 'Dataset', access, draftBefore)).toEqual(draftBefore);
    const restricted: EventPayload = {
      changedFields: ['title'],
      before: { status: 'PUBLISHED', accessLevel: 'RESTRICTED' },
      after: { status: 'PUBLISHED', accessLevel: 'INTERNAL' },
    };
    expect(eventPayloadFor(partner(GRANTEE), 'Dataset', access, restricted)).toEqual({ ...restricted, after: null });
    expect(eventPayloadFor(partner('org-x'), 'Dataset', access, restricted)).toEqual({ ...restricted, before: null, after: null });
  });

  it('leaves entity types without field rules as they are', () => {
    const payload: EventPayload = { changedFields: ['name'], before: { name: 'a' }, after: { name: 'b' } };
    expect(eventPayloadFor(ANONYMOUS, 'Startup', { level: 'PUBLIC', ownerOrganizationId: null }, payload)).toBe(payload);
  });
});

describe('no-op writes', () => {
  const event = (before: Record<string, unknown>, after: Record<string, unknown>) =>
    updatedEvent({ type: 't.updated', entityType: 'T', entityId: 'x', version: 2, before, after, access: { level: 'PUBLIC', ownerOrganizationId: null } });

  it('a write is a no-op when every event it emitted is an update naming no changed field', () => {
    expect(nothingChanged([event({ a: 1 }, { a: 1 })])).toBe(true);
    expect(nothingChanged([event({ a: 1 }, { a: 1 }), event({ a: 1 }, { a: 1 })])).toBe(true);
    expect(nothingChanged([event({ a: 1 }, { a: 1 }), event({ a: 1 }, { a: 2 })])).toBe(false);
    expect(nothingChanged([])).toBe(false);
    expect(nothingChanged([{ ...event({ a: 1 }, { a: 1 }), operation: 'DELETE' }])).toBe(false);
  });
});
