import { count, eq, inArray, sql } from 'drizzle-orm';
import { expectEveryCallForbidden, startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import { rowsOf, type Db } from '../../kernel/platform/db';
import { organizationId, REGISTRY_STEWARD_ID, syntheticId } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { NETWORK_CODES, networkId } from '../seed/networks';

/**
 * Writes through the gateway: who may write, validation, idempotency, optimistic concurrency,
 * their events, and no personal data in the feed. Unless a test is about who may write, writes
 * come from an editor of the registry steward, which owns the experts network.
 */

const EXPERT_FIELDS = `id version fullName displayName residence countryOfResidence languages keywords orcid availability willingTo
  expertiseAreas { code } affiliations { institution { vi en } organization { id } country current }`;
const CREATE_EXPERT = `mutation ($input: CreateExpertInput!) { createExpert(input: $input) { replayed expert { ${EXPERT_FIELDS} } } }`;
const UPDATE_EXPERT = `mutation ($input: UpdateExpertInput!) { updateExpert(input: $input) { expert { ${EXPERT_FIELDS} } } }`;
const CREATE_MEMBERSHIP = `mutation ($input: CreateMembershipInput!) {
  createMembership(input: $input) { replayed membership { id version role: membershipRole since until network { code } expert { id } } }
}`;
const UPDATE_MEMBERSHIP = `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { id version role: membershipRole since until } } }`;
const CREATE_ENGAGEMENT = `mutation ($input: CreateEngagementInput!) {
  createEngagement(input: $input) { replayed engagement { id version role: engagementRole status: engagementStatus startedOn endedOn target { __typename ... on ResearchProject { id } ... on Startup { id } } } }
}`;
const UPDATE_ENGAGEMENT = `mutation ($input: UpdateEngagementInput!) { updateEngagement(input: $input) { engagement { id version role: engagementRole status: engagementStatus startedOn endedOn } } }`;
const CHANGES = `query ($ids: [ID!]) {
  changes(first: 50, filter: { entityIds: $ids }) {
    nodes { id type entityType entityId operation version changedFields before after actor { role organization { id } } entity { __typename ... on Expert { fullName version } } }
  }
}`;

interface ExpertResult {
  id: string;
  version: number;
  fullName: string;
  displayName: string;
  residence: string;
  countryOfResidence: string;
  languages: string[];
  keywords: string[];
  orcid: string | null;
  availability: string;
  willingTo: string[];
  expertiseAreas: Array<{ code: string }>;
  affiliations: Array<{ institution: { vi: string; en: string | null } | null; organization: { id: string } | null; country: string; current: boolean }>;
}
interface ChangeNode {
  id: string;
  type: string;
  entityType: string;
  operation: string;
  version: number;
  changedFields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  entity: { __typename: string; fullName?: string; version?: number } | null;
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** A real-looking, checksum-valid ORCID iD outside the block the demo experts use. */
const ORCID = '0000-0002-1825-0097';

describe('writing experts, memberships and engagements', () => {
  let graph: TestGraph;
  let db: Db<typeof schema>;
  let steward: TestClient;
  const outboxSize = async () => (await db.select({ n: count() }).from(schema.outbox))[0]!.n;
  const flush = () => graph.subgraphs.experts!.relay!.flush();
  /** The change log as `client` reads it (default anonymous: the event field rules apply to each reader). */
  async function changesOf(ids: string[], client: Pick<TestClient, 'queryOk'> = graph): Promise<ChangeNode[]> {
    await flush();
    return (await client.queryOk<{ changes: { nodes: ChangeNode[] } }>(CHANGES, { ids })).changes.nodes;
  }
  async function createExpert(input: Record<string, unknown>): Promise<ExpertResult> {
    return (await steward.queryOk<{ createExpert: { expert: ExpertResult } }>(CREATE_EXPERT, { input })).createExpert.expert;
  }

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['experts', 'integrations'] });
    db = graph.dbOf('experts');
    steward = graph.as('editor', REGISTRY_STEWARD_ID);
  });
  afterAll(() => graph?.stop());

  it('creates an expert once per idempotency key, derives residence, and the event reaches the change log', async () => {
    const input = {
      fullName: 'Trần Thị Kiểm Thử',
      academicTitle: 'ASSOCIATE_PROFESSOR',
      degree: 'DOCTOR',
      countryOfResidence: 'jp',
      expertiseAreaCodes: ['1.2', 'PA-AI'],
      keywords: ['học máy', 'thị giác máy tính'],
      languages: ['vi', 'EN', 'ja'],
      orcid: `https://orcid.org/${ORCID.replace(/-/g, '')}`,
      availability: 'LIMITED',
      willingTo: ['REVIEW', 'MENTOR'],
      affiliations: [{ institution: { vi: 'Đại học Tsukuba', en: 'University of Tsukuba' }, country: 'JP', startedOn: '2019-04-01' }],
      idempotencyKey: 'expert-create-a',
    };
    const first = await steward.queryOk<{ createExpert: { replayed: boolean; expert: ExpertResult } }>(CREATE_EXPERT, { input });
    expect(first.createExpert).toMatchObject({
      replayed: false,
      expert: {
        version: 1,
        displayName: 'PGS.TS. Trần Thị Kiểm Thử',
        residence: 'OVERSEAS',
        countryOfResidence: 'JP',
        languages: ['vi', 'en', 'ja'],
        orcid: ORCID,
        availability: 'LIMITED',
        willingTo: ['MENTOR', 'REVIEW'],
        expertiseAreas: [{ code: '1.2' }, { code: 'PA-AI' }],
        affiliations: [{ institution: { vi: 'Đại học Tsukuba' }, organization: null, country: 'JP', current: true }],
      },
    });
    const id = first.createExpert.expert.id;
    const retry = await steward.queryOk<{ createExpert: { replayed: boolean; expert: ExpertResult } }>(CREATE_EXPERT, { input });
    expect(retry.createExpert).toMatchObject({ replayed: true, expert: { id } });
    const reused = await steward.query(CREATE_EXPERT, { input: { ...input, fullName: 'Someone Else' } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    // Written like a seeded expert: the name search and the finder see it.
    const found = await graph.queryOk<{ experts: { nodes: Array<{ id: string }> }; findExperts: { edges: Array<{ node: { id: string }; score: number }> } }>(
      `{ experts(filter: { search: "kiem thu" }) { nodes { id } }
         findExperts(filter: { keywords: ["thi giac may tinh"], countries: ["JP"] }, first: 100) { edges { score node { id } } } }`,
    );
    expect(found.experts.nodes.map((node) => node.id)).toEqual([id]);
    expect(found.findExperts.edges.find((edge) => edge.node.id === id)?.score).toBe(1 + 1); // keyword + LIMITED

    const changes = await changesOf([id]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'expert.created',
      entityType: 'Expert',
      operation: 'CREATE',
      version: 1,
      before: null,
      after: { fullName: 'Trần Thị Kiểm Thử', residence: 'OVERSEAS', orcid: ORCID, expertiseAreas: [{ code: '1.2' }, { code: 'PA-AI' }] },
      actor: { role: 'editor', organization: { id: REGISTRY_STEWARD_ID } },
      entity: { __typename: 'Expert', fullName: 'Trần Thị Kiểm Thử', version: 1 },
    });
  });

  it('updates with the version read, recomputes derived columns, refuses a stale version with CONFLICT and writes nothing then', async () => {
    const created = await createExpert({ fullName: 'Lê Văn Cập Nhật', countryOfResidence: 'VN', expertiseAreaCodes: ['PA-DATA'], keywords: ['dữ liệu mở'] });
    expect(created).toMatchObject({ version: 1, residence: 'DOMESTIC', availability: 'AVAILABLE', languages: [], willingTo: [] });

    const updated = await steward.queryOk<{ updateExpert: { expert: ExpertResult } }>(UPDATE_EXPERT, {
      input: {
        id: created.id,
        expectedVersion: 1,
        fullName: 'Lê Văn Đổi Tên',
        countryOfResidence: 'DE',
        expertiseAreaCodes: ['PA-AI', '1.2'],
        availability: 'UNAVAILABLE',
      },
    });
    expect(updated.updateExpert.expert).toMatchObject({
      version: 2,
      fullName: 'Lê Văn Đổi Tên',
      residence: 'OVERSEAS',
      countryOfResidence: 'DE',
      expertiseAreas: [{ code: 'PA-AI' }, { code: '1.2' }],
      keywords: ['dữ liệu mở'], // left out: unchanged
      availability: 'UNAVAILABLE',
    });
    const byName = await graph.queryOk<{ experts: { nodes: Array<{ id: string }> } }>(`{ experts(filter: { search: "doi ten" }) { nodes { id } } }`);
    expect(byName.experts.nodes.map((node) => node.id)).toEqual([created.id]);

    const events = await outboxSize();
    const stale = await steward.query(UPDATE_EXPERT, { input: { id: created.id, expectedVersion: 1, fullName: 'Stale Write' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    expect(await outboxSize()).toBe(events);
    const [row] = await db.select().from(schema.experts).where(eq(schema.experts.id, created.id));
    expect(row).toMatchObject({ fullName: 'Lê Văn Đổi Tên', version: 2 });

    // A call that changes nothing writes nothing and announces nothing.
    const same = await steward.queryOk<{ updateExpert: { expert: ExpertResult } }>(UPDATE_EXPERT, {
      input: { id: created.id, expectedVersion: 2, availability: 'UNAVAILABLE' },
    });
    expect(same.updateExpert.expert.version).toBe(2);
    expect(await outboxSize()).toBe(events);

    const missing = await steward.query(UPDATE_EXPERT, { input: { id: UNKNOWN_ID, expectedVersion: 1, fullName: 'Nobody' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const changes = await changesOf([created.id]);
    expect(changes.map((change) => [change.type, change.version])).toEqual([
      ['expert.created', 1],
      ['expert.updated', 2],
    ]);
    expect(changes[1]).toMatchObject({
      changedFields: ['availability', 'countryOfResidence', 'expertiseAreas', 'fullName', 'residence'],
      before: { fullName: 'Lê Văn Cập Nhật', residence: 'DOMESTIC' },
      after: { fullName: 'Lê Văn Đổi Tên', residence: 'OVERSEAS' },
      entity: { fullName: 'Lê Văn Đổi Tên', version: 2 },
    });
  });

  it("never puts an expert's email or phone in an event, the outbox, the change log or the `changes` answer", async () => {
    const email = 'kiem.thu.rieng.tu@example.invalid';
    const phone = '+84 000 777 1234';
    const newEmail = 'doi.email.rieng.tu@example.invalid';
    const newPhone = '+84 000 888 5678';
    const created = await createExpert({ fullName: 'Phạm Thị Riêng Tư', countryOfResidence: 'VN', contact: { email, phone } });
    // Stored, in the restricted table.
    const [stored] = await db.select().from(schema.expertContacts).where(eq(schema.expertContacts.expertId, created.id));
    expect(stored).toMatchObject({ email, phone });

    // A change of contact details only: announced by field name, never by value.
    const updated = await steward.queryOk<{ updateExpert: { expert: ExpertResult } }>(UPDATE_EXPERT, {
      input: { id: created.id, expectedVersion: 1, contact: { email: newEmail, phone: newPhone } },
    });
    expect(updated.updateExpert.expert.version).toBe(2);
    await steward.queryOk(UPDATE_EXPERT, { input: { id: created.id, expectedVersion: 2, keywords: ['riêng tư'], contact: { phone: null } } });
    const [afterUpdates] = await db.select().from(schema.expertContacts).where(eq(schema.expertContacts.expertId, created.id));
    expect(afterUpdates).toMatchObject({ email: newEmail, phone: null });

    const secrets = [email, phone, newEmail, newPhone, 'example.invalid', '777 1234', '888 5678'];
    const expectClean = (json: string) => {
      for (const secret of secrets) expect({ secret, found: json.includes(secret) }).toEqual({ secret, found: false });
    };

    const outboxRows = await db.select().from(schema.outbox).where(eq(schema.outbox.entityId, created.id));
    expect(outboxRows).toHaveLength(3);
    expectClean(JSON.stringify(outboxRows));

    // Named to a reader of contact details (a partner), never valued; left out for the others, as the field is.
    const changes = await changesOf([created.id], graph.as('partner', REGISTRY_STEWARD_ID));
    expect(changes.map((change) => [change.type, change.changedFields])).toEqual([
      ['expert.created', expect.arrayContaining(['contact', 'fullName'])],
      ['expert.updated', ['contact']],
      ['expert.updated', ['contact', 'keywords']],
    ]);
    expectClean(JSON.stringify(changes));
    const anonymous = await changesOf([created.id]);
    expect(anonymous.map((change) => [change.type, change.changedFields.includes('contact')])).toEqual([
      ['expert.created', false],
      ['expert.updated', false],
      ['expert.updated', false],
    ]);
    expectClean(JSON.stringify(anonymous));

    // The change log as stored by the integrations subgraph, every column, read raw.
    const integrations = graph.dbOf('integrations');
    const logged = rowsOf<Record<string, unknown>>(await integrations.execute(sql`select * from integrations.change_log where entity_id = ${created.id}`));
    expect(logged).toHaveLength(3);
    expectClean(JSON.stringify(logged));
    // And nowhere else in the whole log either.
    expectClean(JSON.stringify(rowsOf<Record<string, unknown>>(await integrations.execute(sql`select * from integrations.change_log`))));
  });

  it('validates ORCID iDs with the checksum (BAD_USER_INPUT input.orcid) and refuses a duplicate with CONFLICT', async () => {
    const events = await outboxSize();
    const invalid = await steward.query(CREATE_EXPERT, { input: { fullName: 'Sai Mã ORCID', countryOfResidence: 'VN', orcid: '0000-0002-1825-0098' } });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.orcid' });
    const duplicate = await steward.query(CREATE_EXPERT, { input: { fullName: 'Trùng Mã ORCID', countryOfResidence: 'VN', orcid: ORCID } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.orcid' });
    expect(await outboxSize()).toBe(events);
    const named = await db.select().from(schema.experts).where(eq(schema.experts.fullName, 'Trùng Mã ORCID'));
    expect(named).toHaveLength(0);

    // On update too: a taken iD (a demo expert's) is a CONFLICT, a bad one BAD_USER_INPUT.
    const other = await createExpert({ fullName: 'Đổi Mã ORCID', countryOfResidence: 'VN' });
    const taken = await steward.query(UPDATE_EXPERT, { input: { id: other.id, expectedVersion: 1, orcid: ORCID } });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.orcid' });
    const bad = await steward.query(UPDATE_EXPERT, { input: { id: other.id, expectedVersion: 1, orcid: '1234' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.orcid' });
  });

  it('refuses bad expert input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const events = await outboxSize();
    const experts = (await db.select({ n: count() }).from(schema.experts))[0]!.n;
    const base = { fullName: 'Kiểm Tra Đầu Vào', countryOfResidence: 'VN' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ fullName: '   ' }, 'input.fullName'],
      [{ countryOfResidence: 'Vietnam' }, 'input.countryOfResidence'],
      [{ expertiseAreaCodes: ['1.2', '9.99'] }, 'input.expertiseAreaCodes'],
      [{ languages: ['tiếng Việt'] }, 'input.languages'],
      [{ keywords: ['x'.repeat(101)] }, 'input.keywords'],
      [{ biography: { vi: '' } }, 'input.biography.vi'],
      [{ affiliations: [{ country: 'VN' }] }, 'input.affiliations[0].organizationId'],
      [{ affiliations: [{ organizationId: 'not-an-id', country: 'VN' }] }, 'input.affiliations[0].organizationId'],
      [{ affiliations: [{ institution: { vi: 'Viện A' }, country: 'VN', startedOn: '2020-01-01', endedOn: '2019-12-31' }] }, 'input.affiliations[0].endedOn'],
      [{ affiliations: [{ institution: { vi: 'Viện A' }, country: 'Viet Nam' }] }, 'input.affiliations[0].country'],
      [{ contact: { email: 'not an email' } }, 'input.contact.email'],
      [{ contact: { phone: '12' } }, 'input.contact.phone'],
      [{ idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey'],
    ];
    for (const [override, field] of cases) {
      const result = await steward.query(CREATE_EXPERT, { input: { ...base, ...override } });
      expect({ override, extensions: result.errors?.[0]?.extensions }).toMatchObject({ override, extensions: { code: 'BAD_USER_INPUT', field } });
      expect(result.status).toBeLessThan(500);
    }
    const created = await createExpert(base);
    const clear = await steward.query(UPDATE_EXPERT, { input: { id: created.id, expectedVersion: 1, fullName: null } });
    expect(clear.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fullName' });
    const unknownArea = await steward.query(UPDATE_EXPERT, { input: { id: created.id, expectedVersion: 1, expertiseAreaCodes: ['NOPE'] } });
    expect(unknownArea.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expertiseAreaCodes' });
    expect(await outboxSize()).toBe(events + 1);
    expect((await db.select({ n: count() }).from(schema.experts))[0]!.n).toBe(experts + 1);
  });

  it('memberships: created once per key, dates checked, overlaps refused, updated with the version read', async () => {
    const expert = await createExpert({ fullName: 'Thành Viên Mạng Lưới', countryOfResidence: 'VN' });
    const network = networkId(NETWORK_CODES.programme07);
    const input = { expertId: expert.id, networkId: network, role: 'COORDINATOR', since: '2025-04-03', idempotencyKey: 'membership-a' };
    const first = await steward.queryOk<{ createMembership: { replayed: boolean; membership: { id: string; version: number } } }>(CREATE_MEMBERSHIP, { input });
    expect(first.createMembership).toMatchObject({
      replayed: false,
      membership: {
        version: 1,
        role: 'COORDINATOR',
        since: '2025-04-03',
        until: null,
        network: { code: NETWORK_CODES.programme07 },
        expert: { id: expert.id },
      },
    });
    const id = first.createMembership.membership.id;
    const retry = await steward.queryOk<{ createMembership: { replayed: boolean; membership: { id: string } } }>(CREATE_MEMBERSHIP, { input });
    expect(retry.createMembership).toMatchObject({ replayed: true, membership: { id } });

    const events = await outboxSize();
    const bad: Array<[Record<string, unknown>, string, string]> = [
      [{ since: '2025-01-01', until: '2024-12-31' }, 'BAD_USER_INPUT', 'input.until'],
      [{ expertId: UNKNOWN_ID }, 'BAD_USER_INPUT', 'input.expertId'],
      [{ networkId: UNKNOWN_ID }, 'BAD_USER_INPUT', 'input.networkId'],
      [{ since: '2025-06-01' }, 'CONFLICT', 'input.networkId'], // overlaps the open membership
    ];
    for (const [override, code, field] of bad) {
      const result = await steward.query(CREATE_MEMBERSHIP, { input: { expertId: expert.id, networkId: network, ...override } });
      expect({ override, extensions: result.errors?.[0]?.extensions }).toMatchObject({ override, extensions: { code, field } });
    }
    expect(await outboxSize()).toBe(events);

    const updated = await steward.queryOk<{ updateMembership: { membership: Record<string, unknown> } }>(UPDATE_MEMBERSHIP, {
      input: { id, expectedVersion: 1, role: 'CHAIR', until: '2025-12-31' },
    });
    expect(updated.updateMembership.membership).toMatchObject({ version: 2, role: 'CHAIR', since: '2025-04-03', until: '2025-12-31' });
    const backwards = await steward.query(UPDATE_MEMBERSHIP, { input: { id, expectedVersion: 2, until: '2025-01-01' } });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.until' });
    const stale = await steward.query(UPDATE_MEMBERSHIP, { input: { id, expectedVersion: 1, role: 'MEMBER' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    const missing = await steward.query(UPDATE_MEMBERSHIP, { input: { id: UNKNOWN_ID, expectedVersion: 1, role: 'MEMBER' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await outboxSize()).toBe(events + 1);

    // A later, separate period in the same network is fine.
    await steward.queryOk(CREATE_MEMBERSHIP, { input: { expertId: expert.id, networkId: network, since: '2026-01-01' } });

    const changes = await changesOf([id]);
    expect(changes.map((change) => [change.type, change.entityType, change.version])).toEqual([
      ['membership.created', 'Membership', 1],
      ['membership.updated', 'Membership', 2],
    ]);
    expect(changes[1]).toMatchObject({
      changedFields: ['role', 'until'],
      before: { role: 'COORDINATOR', until: null },
      after: { role: 'CHAIR', until: '2025-12-31', networkId: network },
    });
    const through = await graph.queryOk<{ expert: { memberships: Array<{ id: string; role: string }> } }>(
      `query ($id: ID!) { expert(id: $id) { memberships { id role: membershipRole } } }`,
      { id: expert.id },
    );
    expect(through.expert.memberships).toContainEqual({ id, role: 'CHAIR' });
  });

  it('engagements: the role must suit the target, duplicates are refused, status and dates update with the version read', async () => {
    const expert = await createExpert({ fullName: 'Phản Biện Độc Lập', countryOfResidence: 'VN', willingTo: ['REVIEW'] });
    const project = syntheticId('ResearchProject', 7);
    const input = {
      expertId: expert.id,
      role: 'REVIEWER',
      targetType: 'RESEARCH_PROJECT',
      targetId: project,
      startedOn: '2025-02-01',
      idempotencyKey: 'engagement-a',
    };
    const first = await steward.queryOk<{ createEngagement: { replayed: boolean; engagement: { id: string } } }>(CREATE_ENGAGEMENT, { input });
    expect(first.createEngagement).toMatchObject({
      replayed: false,
      engagement: { version: 1, role: 'REVIEWER', status: 'PROPOSED', startedOn: '2025-02-01', target: { __typename: 'ResearchProject', id: project } },
    });
    const id = first.createEngagement.engagement.id;
    const retry = await steward.queryOk<{ createEngagement: { replayed: boolean; engagement: { id: string } } }>(CREATE_ENGAGEMENT, { input });
    expect(retry.createEngagement).toMatchObject({ replayed: true, engagement: { id } });

    const events = await outboxSize();
    const base = { expertId: expert.id, role: 'MENTOR', targetType: 'STARTUP', targetId: syntheticId('Startup', 3) };
    const bad: Array<[Record<string, unknown>, string, string]> = [
      [{ targetType: 'RESEARCH_PROJECT' }, 'BAD_USER_INPUT', 'input.role'],
      [{ role: 'ADVISER' }, 'BAD_USER_INPUT', 'input.role'],
      [{ targetId: 'startup-3' }, 'BAD_USER_INPUT', 'input.targetId'],
      [{ startedOn: '2025-03-01', endedOn: '2025-02-28' }, 'BAD_USER_INPUT', 'input.endedOn'],
      [{ expertId: UNKNOWN_ID }, 'BAD_USER_INPUT', 'input.expertId'],
      [{ role: 'REVIEWER', targetType: 'RESEARCH_PROJECT', targetId: project }, 'CONFLICT', 'input.targetId'],
    ];
    for (const [override, code, field] of bad) {
      const result = await steward.query(CREATE_ENGAGEMENT, { input: { ...base, ...override } });
      expect({ override, extensions: result.errors?.[0]?.extensions }).toMatchObject({ override, extensions: { code, field } });
    }
    expect(await outboxSize()).toBe(events);

    const updated = await steward.queryOk<{ updateEngagement: { engagement: Record<string, unknown> } }>(UPDATE_ENGAGEMENT, {
      input: { id, expectedVersion: 1, status: 'COMPLETED', endedOn: '2025-05-30' },
    });
    expect(updated.updateEngagement.engagement).toMatchObject({ version: 2, status: 'COMPLETED', endedOn: '2025-05-30' });
    const councilMember = await steward.queryOk<{ updateEngagement: { engagement: Record<string, unknown> } }>(UPDATE_ENGAGEMENT, {
      input: { id, expectedVersion: 2, role: 'COUNCIL_MEMBER' },
    });
    expect(councilMember.updateEngagement.engagement).toMatchObject({ version: 3, role: 'COUNCIL_MEMBER' });
    const wrongRole = await steward.query(UPDATE_ENGAGEMENT, { input: { id, expectedVersion: 3, role: 'MENTOR' } });
    expect(wrongRole.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const backwards = await steward.query(UPDATE_ENGAGEMENT, { input: { id, expectedVersion: 3, startedOn: '2025-06-01' } });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startedOn' });
    const stale = await steward.query(UPDATE_ENGAGEMENT, { input: { id, expectedVersion: 2, status: 'ACTIVE' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3, expectedVersion: 2 });
    expect(await outboxSize()).toBe(events + 2);

    // The project's council now lists the expert (through the entity field this subgraph adds).
    const council = await graph.queryOk<{ expert: { engagements: Array<{ id: string; target: { councilMembers: Array<{ id: string }> } }> } }>(
      `query ($id: ID!) { expert(id: $id) { engagements { id target { ... on ResearchProject { councilMembers { id } } } } } }`,
      { id: expert.id },
    );
    expect(council.expert.engagements[0]!.target.councilMembers.map((member) => member.id)).toContain(expert.id);

    const changes = await changesOf([id]);
    expect(changes.map((change) => [change.type, change.entityType, change.version])).toEqual([
      ['engagement.created', 'Engagement', 1],
      ['engagement.updated', 'Engagement', 2],
      ['engagement.updated', 'Engagement', 3],
    ]);
    expect(changes[1]).toMatchObject({
      changedFields: ['endedOn', 'status'],
      before: { status: 'PROPOSED', endedOn: null, targetType: 'ResearchProject', targetId: project },
      after: { status: 'COMPLETED', endedOn: '2025-05-30' },
    });
  });

  describe('who may write', () => {
    const OTHER_ORG = organizationId('so-khdt-ha-noi');
    /** A valid call of every mutation, on records that exist (so only the caller can make it fail). */
    async function everyMutation(): Promise<Array<[string, string, Record<string, unknown>]>> {
      const expert = await createExpert({ fullName: 'Đích Của Quyền Ghi', countryOfResidence: 'VN' });
      const membership = await steward.queryOk<{ createMembership: { membership: { id: string } } }>(CREATE_MEMBERSHIP, {
        input: { expertId: expert.id, networkId: networkId(NETWORK_CODES.hanoiInitiative), since: '2024-01-01' },
      });
      const engagement = await steward.queryOk<{ createEngagement: { engagement: { id: string } } }>(CREATE_ENGAGEMENT, {
        input: { expertId: expert.id, role: 'MENTOR', targetType: 'STARTUP', targetId: syntheticId('Startup', 5) },
      });
      return [
        ['createExpert', CREATE_EXPERT, { fullName: 'Không Được Ghi', countryOfResidence: 'VN', contact: { email: 'khong.duoc@example.invalid' } }],
        ['updateExpert', UPDATE_EXPERT, { id: expert.id, expectedVersion: 1, fullName: 'Không Được Đổi' }],
        ['createMembership', CREATE_MEMBERSHIP, { expertId: expert.id, networkId: networkId(NETWORK_CODES.programme07) }],
        ['updateMembership', UPDATE_MEMBERSHIP, { id: membership.createMembership.membership.id, expectedVersion: 1, role: 'CHAIR' }],
        [
          'createEngagement',
          CREATE_ENGAGEMENT,
          { expertId: expert.id, role: 'REVIEWER', targetType: 'RESEARCH_PROJECT', targetId: syntheticId('ResearchProject', 9) },
        ],
        ['updateEngagement', UPDATE_ENGAGEMENT, { id: engagement.createEngagement.engagement.id, expectedVersion: 1, status: 'ACTIVE' }],
      ];
    }

    it('refuses anonymous callers, partners, integrators and editors of another organisation with FORBIDDEN, and writes nothing', async () => {
      const mutations = await everyMutation();
      const callers: Array<[string, Pick<TestClient, 'query'>]> = [
        ['anonymous', { query: <T>(text: string, variables?: Record<string, unknown>) => graph.query<T>(text, variables) }],
        ['partner of the steward', graph.as('partner', REGISTRY_STEWARD_ID)],
        ['integrator', graph.as('integrator')],
        ['editor of another organisation', graph.as('editor', OTHER_ORG)],
        ['editor of another organisation named for another domain', graph.as('editor', OTHER_ORG, { domains: ['startups', 'programmes'] })],
      ];
      const events = await outboxSize();
      const rows = async () => ({
        experts: (await db.select({ n: count() }).from(schema.experts))[0]!.n,
        memberships: (await db.select({ n: count() }).from(schema.memberships))[0]!.n,
        engagements: (await db.select({ n: count() }).from(schema.engagements))[0]!.n,
        contacts: (await db.select({ n: count() }).from(schema.expertContacts))[0]!.n,
      });
      const before = await rows();
      await expectEveryCallForbidden(callers, mutations, 'editors of the experts network’s steward');
      expect(await outboxSize()).toBe(events);
      expect(await rows()).toEqual(before);
    });

    it('refuses, straight at the subgraph, an editor of the steward whose API key lacks the WRITE scope', async () => {
      const events = await outboxSize();
      const result = await graph.postToSubgraph<{ createExpert: unknown }>(
        'experts',
        CREATE_EXPERT,
        { input: { fullName: 'Khóa Chỉ Đọc', countryOfResidence: 'VN' } },
        { role: 'editor', organizationId: REGISTRY_STEWARD_ID, subject: 'apikey:read-only', scopes: ['CHANGES'], credential: 'apiKey' },
      );
      expect(result.data?.createExpert ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await outboxSize()).toBe(events);
    });

    it('lets an editor of another organisation named for the experts domain, and an admin, write; events are owned by the steward', async () => {
      const named = graph.as('editor', OTHER_ORG, { domains: ['experts'], sub: 'named-editor' });
      const admin = graph.as('admin');
      for (const [who, client] of [
        ['named editor', named],
        ['admin', admin],
      ] as const) {
        const created = await client.queryOk<{ createExpert: { expert: ExpertResult } }>(CREATE_EXPERT, {
          input: { fullName: `Được Ghi ${who}`, countryOfResidence: 'VN' },
        });
        const id = created.createExpert.expert.id;
        await client.queryOk(UPDATE_EXPERT, { input: { id, expectedVersion: 1, keywords: ['quyền ghi'] } });
        const membership = await client.queryOk<{ createMembership: { membership: { id: string } } }>(CREATE_MEMBERSHIP, {
          input: { expertId: id, networkId: networkId(NETWORK_CODES.hanoiInitiative) },
        });
        await client.queryOk(UPDATE_MEMBERSHIP, { input: { id: membership.createMembership.membership.id, expectedVersion: 1, role: 'CHAIR' } });
        const engagement = await client.queryOk<{ createEngagement: { engagement: { id: string } } }>(CREATE_ENGAGEMENT, {
          input: { expertId: id, role: 'ADVISER', targetType: 'TASK', targetId: syntheticId('Task', 2) },
        });
        await client.queryOk(UPDATE_ENGAGEMENT, { input: { id: engagement.createEngagement.engagement.id, expectedVersion: 1, status: 'ACTIVE' } });

        const ids = [id, membership.createMembership.membership.id, engagement.createEngagement.engagement.id];
        const rows = await db.select().from(schema.outbox).where(inArray(schema.outbox.entityId, ids));
        expect(rows.map((row) => row.type).sort()).toEqual([
          'engagement.created',
          'engagement.updated',
          'expert.created',
          'expert.updated',
          'membership.created',
          'membership.updated',
        ]);
        for (const row of rows) {
          expect(row.access).toEqual({ level: 'PUBLIC', ownerOrganizationId: REGISTRY_STEWARD_ID });
          expect(row.actor).toMatchObject(
            who === 'admin'
              ? { role: 'admin', credential: 'token' }
              : { role: 'editor', organizationId: OTHER_ORG, subject: 'named-editor', credential: 'token' },
          );
        }
      }
    });
  });
});
