import { ACCESS_RULES, allows, eventVisibleTo, mayEver, reachOf, renderAccessMatrix, RULE_IDS, type EventAccess } from '../identity/access-policy';
import { ANONYMOUS, canReadPersonalData, canWrite, type Caller } from '../identity/caller';

/** The policy's decisions, stated literally: if the declaration changes, these say what it meant. */
const ORG = 'org-publisher';
const OTHER = 'org-other';
const partner = (organizationId: string): Caller => ({ role: 'partner', organizationId, subject: `p-${organizationId}` });
const editor = (organizationId: string, domains: Caller['domains'] = []): Caller => ({
  role: 'editor',
  organizationId,
  subject: `e-${organizationId}`,
  domains,
});
const integrator: Caller = { role: 'integrator', organizationId: null, subject: 'i' };
const admin: Caller = { role: 'admin', organizationId: null, subject: 'a' };
const owned = { ownerOrganizationId: ORG, grantedOrganizationIds: ['org-granted'] };

describe('reading', () => {
  it('shows personal data to partners and admins only', () => {
    expect([ANONYMOUS, partner(ORG), editor(ORG), integrator, admin].map(canReadPersonalData)).toEqual([false, true, false, false, true]);
  });

  it('shows a restricted record to its owner, to granted partners and to admins', () => {
    expect(allows(partner('org-granted'), 'restrictedDataset', owned)).toBe(true);
    expect(allows(partner(ORG), 'restrictedDataset', owned)).toBe(true);
    expect(allows(partner(OTHER), 'restrictedDataset', owned)).toBe(false);
    expect(allows(editor(ORG), 'restrictedDataset', owned)).toBe(true);
    // A grant is to partners (ministries reading), not to other departments' editors.
    expect(allows(editor('org-granted'), 'restrictedDataset', owned)).toBe(false);
    expect(allows(integrator, 'restrictedDataset', owned)).toBe(false);
    expect(allows(ANONYMOUS, 'restrictedDataset', owned)).toBe(false);
    expect(allows(admin, 'restrictedDataset', owned)).toBe(true);
  });

  it('keeps internal records inside the owning organisation', () => {
    expect(allows(partner('org-granted'), 'internalDataset', owned)).toBe(false);
    expect(allows(partner(ORG), 'internalDataset', owned)).toBe(true);
    expect(allows(editor(OTHER, ['catalogue']), 'internalDataset', owned)).toBe(false);
  });

  it('shows drafts to partners, the owning editors and admins', () => {
    expect(allows(partner(OTHER), 'draftRecord', owned)).toBe(true);
    expect(allows(editor(ORG), 'draftRecord', owned)).toBe(true);
    expect(allows(editor(OTHER), 'draftRecord', owned)).toBe(false);
    expect(allows(integrator, 'draftRecord', owned)).toBe(false);
    expect(allows(ANONYMOUS, 'draftRecord', owned)).toBe(false);
  });
});

describe('writing', () => {
  it('lets editors write their own organisation’s records and their named domains', () => {
    expect(canWrite(editor(ORG), ORG, 'catalogue')).toBe(true);
    expect(canWrite(editor(OTHER), ORG, 'catalogue')).toBe(false);
    expect(canWrite(editor(OTHER, ['experts']), ORG, 'experts')).toBe(true);
    expect(canWrite(editor(OTHER, ['experts']), ORG, 'catalogue')).toBe(false);
    expect(canWrite(partner(ORG), ORG, 'catalogue')).toBe(false);
    expect(canWrite(ANONYMOUS, null, 'experts')).toBe(false);
    expect(canWrite(admin, ORG, 'programmes')).toBe(true);
  });

  it('narrows an API key to its scopes', () => {
    const key = (scopes: Caller['scopes']): Caller => ({ ...editor(ORG), subject: 'apikey:1', credential: 'apiKey', scopes });
    expect(canWrite(key([]), ORG, 'catalogue')).toBe(false);
    expect(canWrite(key(['WRITE']), ORG, 'catalogue')).toBe(true);
    expect(mayEver(key(['WRITE']), 'changeFeed')).toBe(false);
    expect(mayEver(key(['CHANGES']), 'changeFeed')).toBe(true);
    expect(reachOf({ ...integrator, scopes: ['CHANGES'] }, 'webhooks')).toBe('none');
    // Reading needs no scope.
    expect(allows(key([]), 'internalDataset', owned)).toBe(true);
  });
});

describe('events', () => {
  const event = (access: Partial<EventAccess>): EventAccess => ({ level: 'PUBLIC', ownerOrganizationId: ORG, ...access });

  it('applies the record’s level rule and the draft rule', () => {
    expect(eventVisibleTo(ANONYMOUS, event({}))).toBe(true);
    expect(eventVisibleTo(ANONYMOUS, event({ draft: true }))).toBe(false);
    expect(eventVisibleTo(partner(OTHER), event({ draft: true }))).toBe(true);
    expect(eventVisibleTo(partner(OTHER), event({ level: 'RESTRICTED', grantedOrganizationIds: [OTHER] }))).toBe(true);
    expect(eventVisibleTo(partner(OTHER), event({ level: 'RESTRICTED' }))).toBe(false);
    // Restricted and draft: both rules must let the caller in.
    expect(eventVisibleTo(editor(OTHER), event({ level: 'PUBLIC', draft: true }))).toBe(false);
    expect(eventVisibleTo(integrator, event({ level: 'INTERNAL' }))).toBe(false);
    expect(eventVisibleTo(admin, event({ level: 'INTERNAL', draft: true }))).toBe(true);
  });
});

it('renders one README row per rule, each role a column', () => {
  const table = renderAccessMatrix().split('\n');
  expect(table).toHaveLength(RULE_IDS.length + 2);
  expect(table[0]).toContain('| public | partner | editor | integrator | admin |');
  expect(table.find((row) => row.startsWith(`| ${ACCESS_RULES.personalData.what} `))).toMatch(/\| — \| yes \| — \| — \| yes \|/);
});
