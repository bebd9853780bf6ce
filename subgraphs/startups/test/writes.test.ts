import { count, eq } from 'drizzle-orm';
import { expectEveryCallForbidden, startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import { organizationId, REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { HOA_LAC_PARK, hubId, TECHNOLOGY_EXCHANGE } from '../seed/hubs';

/**
 * Writes through the gateway: who may write, validation, idempotency, optimistic concurrency,
 * the lifecycle, and their events. Unless a test is about who may write, writes come from an
 * editor of the registry steward, which keeps the startup register and operates the demo hubs used.
 */
type Json = Record<string, unknown>;
type Change = { type: string; operation: string; version: number; changedFields: string[]; before: Json | null; after: Json | null; entity: Json | null };

const CHANGES = `query ($ids: [ID!]) {
  changes(first: 50, filter: { entityIds: $ids }) {
    nodes { type operation version changedFields before after
      entity { __typename ... on Startup { name { vi } project { id } } ... on StartupProject { stage: startupProjectStage } ... on InnovationHub { name { vi } } } }
  }
}`;
const CREATE_STARTUP = `mutation ($input: CreateStartupInput!) { createStartup(input: $input) { replayed startup { id name { vi } registrationCode stage: startupStage status: startupStatus website } } }`;
const UPDATE_STARTUP = `mutation ($input: UpdateStartupInput!) { updateStartup(input: $input) { startup { id version name { vi } website teamSize } } }`;
const CREATE_PROJECT = `mutation ($input: CreateStartupProjectInput!) { createStartupProject(input: $input) { replayed startupProject { id version stage: startupProjectStage startedOn transitions { stage occurredOn } } } }`;
const UPDATE_PROJECT = `mutation ($input: UpdateStartupProjectInput!) { updateStartupProject(input: $input) { startupProject { id version title { vi en } startedOn transitions { stage occurredOn } } } }`;
const TRANSITION = `mutation ($input: TransitionStartupProjectInput!) {
  transitionStartupProject(input: $input) { startupProject { id version stage: startupProjectStage transitions { stage occurredOn note } startup { id name { vi } } } }
}`;
const CREATE_HUB = `mutation ($input: CreateInnovationHubInput!) { createInnovationHub(input: $input) { replayed hub { id version name { vi en } operator { id } parent { id } location { latitude precision } } } }`;
const UPDATE_HUB = `mutation ($input: UpdateInnovationHubInput!) { updateInnovationHub(input: $input) { hub { id version name { vi en } capacity location { latitude } } } }`;
const CREATE_COHORT = `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { replayed cohort { id version name { vi } hub { id } } } }`;
const UPDATE_COHORT = `mutation ($input: UpdateCohortInput!) { updateCohort(input: $input) { cohort { id version name { vi } endsOn } } }`;
const ADD_PARTICIPANT = `mutation ($input: AddCohortParticipantInput!) { addCohortParticipant(input: $input) { cohort { id version participants { id outcome project { id } startup { id } } } } }`;
const UPDATE_PARTICIPATION = `mutation ($input: UpdateCohortParticipationInput!) { updateCohortParticipation(input: $input) { cohort { id version participants { id outcome leftOn } } } }`;
const RECORD_ROUND = `mutation ($input: RecordFundingRoundInput!) { recordFundingRound(input: $input) { replayed fundingRound { id version amount currency startup { id } investors { name organization { id } } } } }`;
const UPDATE_ROUND = `mutation ($input: UpdateFundingRoundInput!) { updateFundingRound(input: $input) { fundingRound { id version amount currency type } } }`;

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
let graph: TestGraph;
let db: Db<typeof schema>;
let steward: TestClient;
const outboxSize = async () => (await db.select({ n: count() }).from(schema.outbox))[0]!.n;
let codeCounter = 0;
const newCode = () => `88${String(++codeCounter).padStart(8, '0')}`;

async function changesOf(...ids: string[]): Promise<Change[]> {
  await graph.subgraphs.startups!.relay!.flush();
  const { changes } = await graph.queryOk<{ changes: { nodes: Change[] } }>(CHANGES, { ids });
  return changes.nodes;
}

/** The version a client reads of a startup, project, hub or cohort (the root field that reads it by id). */
async function versionOf(field: 'startup' | 'startupProject' | 'hub' | 'cohort', id: string): Promise<number> {
  const data = await graph.queryOk<Record<string, { version: number }>>(`query ($id: ID!) { ${field}(id: $id) { version } }`, { id });
  return data[field]!.version;
}

/** Runs a mutation that must fail, and returns its error's extensions. */
async function refused(query: string, input: Json, client: Pick<TestClient, 'query'> = steward): Promise<Record<string, unknown> | undefined> {
  const result = await client.query(query, { input });
  expect(result.status).toBeLessThan(500);
  return result.errors?.[0]?.extensions;
}

async function createStartup(overrides: Json = {}): Promise<string> {
  const data = await steward.queryOk<{ createStartup: { startup: { id: string } } }>(CREATE_STARTUP, {
    input: { name: 'Công ty Thử Nghiệm', registrationCode: newCode(), foundedOn: '2023-05-02', stage: 'PROTOTYPE', ...overrides },
  });
  return data.createStartup.startup.id;
}

beforeAll(async () => {
  graph = await startTestGraph({ only: ['startups', 'integrations'] });
  db = graph.dbOf('startups');
  steward = graph.as('editor', REGISTRY_STEWARD_ID);
});
afterAll(() => graph?.stop());

describe('startups', () => {
  it('creates once per idempotency key, and its event reaches the change log', async () => {
    const input = {
      name: 'Công ty Cổ phần Sen Vàng',
      registrationCode: '8800000101',
      foundedOn: '2024-03-15',
      stage: 'PROTOTYPE',
      sectors: ['FINTECH'],
      website: 'https://senvang.example',
      idempotencyKey: 'sen-vang-1',
    };
    type Created = { createStartup: { replayed: boolean; startup: { id: string; name: { vi: string }; status: string } } };
    const first = await steward.queryOk<Created>(CREATE_STARTUP, { input });
    expect(first.createStartup).toMatchObject({ replayed: false, startup: { name: { vi: 'Công ty Cổ phần Sen Vàng' }, status: 'ACTIVE' } });
    const events = await outboxSize();
    const retry = await steward.queryOk<Created>(CREATE_STARTUP, { input });
    expect(retry.createStartup).toEqual({ replayed: true, startup: first.createStartup.startup });
    expect(await outboxSize()).toBe(events);
    expect(await refused(CREATE_STARTUP, { ...input, name: 'Another' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    const [created, ...rest] = await changesOf(first.createStartup.startup.id);
    expect(rest).toHaveLength(0);
    expect(created).toMatchObject({
      type: 'startup.created',
      operation: 'CREATE',
      version: 1,
      before: null,
      after: { name: 'Công ty Cổ phần Sen Vàng', registrationCode: '8800000101', sectors: ['FINTECH'], projectId: null },
      entity: { __typename: 'Startup', name: { vi: 'Công ty Cổ phần Sen Vàng' } },
    });
    // Search finds it like a seeded one (search_text from the same function as the seed).
    const found = await graph.queryOk<{ startups: { nodes: Array<{ id: string }> } }>(`{ startups(filter: { search: "sen vang" }) { nodes { id } } }`);
    expect(found.startups.nodes.map((n) => n.id)).toContain(first.createStartup.startup.id);
  });

  it('updates with the version read; a stale version is a CONFLICT and writes nothing', async () => {
    const id = await createStartup({ website: 'https://old.example' });
    const read = await versionOf('startup', id);
    const updated = await steward.queryOk<{ updateStartup: { startup: Json } }>(UPDATE_STARTUP, {
      input: { id, expectedVersion: read, teamSize: 12, website: null },
    });
    expect(updated.updateStartup.startup).toMatchObject({ version: read + 1, website: null, teamSize: 12 });

    const events = await outboxSize();
    const stale = await refused(UPDATE_STARTUP, { id, expectedVersion: read, name: 'Stale' });
    expect(stale).toMatchObject({ code: 'CONFLICT', currentVersion: read + 1, expectedVersion: read });
    expect(await outboxSize()).toBe(events);
    const [row] = await db.select().from(schema.startups).where(eq(schema.startups.id, id));
    expect(row).toMatchObject({ name: 'Công ty Thử Nghiệm', version: read + 1 });

    const changes = await changesOf(id);
    expect(changes.map((c) => [c.type, c.version])).toEqual([
      ['startup.created', read],
      ['startup.updated', read + 1],
    ]);
    expect(changes[1]).toMatchObject({
      changedFields: ['teamSize', 'website'],
      before: { website: 'https://old.example', teamSize: null },
      after: { website: null, teamSize: 12 },
    });
  });

  it('refuses bad input naming the field, a taken registration code with CONFLICT, and writes nothing', async () => {
    await createStartup({ registrationCode: '8800000999' });
    const events = await outboxSize();
    const base = { name: 'Công ty X', registrationCode: '8800000998', foundedOn: '2022-01-01', stage: 'GROWTH' };
    const cases: Array<[Json, string, string]> = [
      [{ name: '   ' }, 'BAD_USER_INPUT', 'input.name'],
      [{ registrationCode: '12345' }, 'BAD_USER_INPUT', 'input.registrationCode'],
      [{ foundedOn: '2999-01-01' }, 'BAD_USER_INPUT', 'input.foundedOn'],
      [{ website: 'ftp://x.example' }, 'BAD_USER_INPUT', 'input.website'],
      [{ teamSize: -1 }, 'BAD_USER_INPUT', 'input.teamSize'],
      [{ sectors: ['FINTECH', 'FINTECH'] }, 'BAD_USER_INPUT', 'input.sectors'],
      [{ registrationCode: '8800000999' }, 'CONFLICT', 'input.registrationCode'],
    ];
    for (const [override, code, field] of cases) {
      expect({ override, extensions: await refused(CREATE_STARTUP, { ...base, ...override }) }).toMatchObject({ override, extensions: { code, field } });
    }
    const id = await createStartup();
    const version = await versionOf('startup', id);
    const after = await outboxSize();
    expect(await refused(UPDATE_STARTUP, { id, expectedVersion: version, name: null })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await refused(UPDATE_STARTUP, { id, expectedVersion: version, registrationCode: '8800000999' })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.registrationCode',
    });
    expect(await refused(UPDATE_STARTUP, { id: UNKNOWN, expectedVersion: version, name: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await outboxSize()).toBe(after);
    expect(after).toBe(events + 1);
  });
});

describe('startup projects', () => {
  type Project = {
    id: string;
    version: number;
    stage: string;
    transitions: Array<{ stage: string; occurredOn: string }>;
    startup: { id: string; name: string } | null;
  };
  const transition = async (input: Json) =>
    (await steward.queryOk<{ transitionStartupProject: { startupProject: Project } }>(TRANSITION, { input })).transitionStartupProject.startupProject;

  it('runs the whole lifecycle IDEA → INCUBATED → INCORPORATED → FUNDED, one event per step in order, and refuses going back', async () => {
    const created = await steward.queryOk<{ createStartupProject: { replayed: boolean; startupProject: Project } }>(CREATE_PROJECT, {
      input: {
        titleVi: 'Nền tảng nông sản sạch',
        titleEn: 'Clean produce platform',
        startedOn: '2021-02-01',
        sectors: ['AGRITECH'],
        team: [{ name: 'Nguyễn Văn Thử', role: 'CEO' }],
        idempotencyKey: 'produce-1',
      },
    });
    const project = created.createStartupProject.startupProject;
    expect(project).toMatchObject({ stage: 'IDEA', transitions: [{ stage: 'IDEA', occurredOn: '2021-02-01' }] });

    const incubated = await transition({
      id: project.id,
      expectedVersion: project.version,
      stage: 'INCUBATED',
      occurredOn: '2021-09-01',
      note: 'Joined a cohort.',
    });
    expect(incubated.stage).toBe('INCUBATED');
    const startupId = await createStartup({ name: 'Công ty Nông Sản Sạch', foundedOn: '2022-04-10' });
    const startupRead = await versionOf('startup', startupId);
    const incorporated = await transition({ id: project.id, expectedVersion: incubated.version, stage: 'INCORPORATED', occurredOn: '2022-04-10', startupId });
    expect(incorporated).toMatchObject({ stage: 'INCORPORATED', startup: { id: startupId, name: { vi: 'Công ty Nông Sản Sạch' } } });
    const funded = await transition({ id: project.id, expectedVersion: incorporated.version, stage: 'FUNDED', occurredOn: '2022-04-10' });
    // Same-day steps keep their lifecycle order.
    expect(funded.transitions.map((t) => t.stage)).toEqual(['IDEA', 'INCUBATED', 'INCORPORATED', 'FUNDED']);

    const events = await outboxSize();
    expect(await refused(TRANSITION, { id: project.id, expectedVersion: funded.version, stage: 'IDEA', occurredOn: '2023-01-01' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.stage',
    });
    expect(await refused(TRANSITION, { id: project.id, expectedVersion: incorporated.version, stage: 'STOPPED', occurredOn: '2023-01-01' })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await outboxSize()).toBe(events);

    const changes = await changesOf(project.id);
    expect(changes.map((c) => [c.type, c.version, c.after?.stage])).toEqual([
      ['startupProject.created', project.version, 'IDEA'],
      ['startupProject.transitioned', incubated.version, 'INCUBATED'],
      ['startupProject.transitioned', incorporated.version, 'INCORPORATED'],
      ['startupProject.transitioned', funded.version, 'FUNDED'],
    ]);
    expect(changes[1]).toMatchObject({ changedFields: ['stage', 'transitions'], before: { stage: 'IDEA' } });
    expect(changes[3]!.entity).toEqual({ __typename: 'StartupProject', stage: 'FUNDED' });
    // Incorporating linked the company: it changed too, and says so.
    const startupChanges = await changesOf(startupId);
    expect(startupChanges.map((c) => [c.type, c.version])).toEqual([
      ['startup.created', startupRead],
      ['startup.updated', await versionOf('startup', startupId)],
    ]);
    expect(startupChanges[1]).toMatchObject({ changedFields: ['projectId'], after: { projectId: project.id }, entity: { project: { id: project.id } } });
  });

  it('refuses dates out of order, a missing or taken startup, and stopping twice', async () => {
    const { createStartupProject } = await steward.queryOk<{ createStartupProject: { startupProject: Project } }>(CREATE_PROJECT, {
      input: { titleVi: 'Dự án thử', startedOn: '2020-01-01' },
    });
    const { id, version } = createStartupProject.startupProject;
    const taken = await createStartup();
    const other = await steward.queryOk<{ createStartupProject: { startupProject: Project } }>(CREATE_PROJECT, {
      input: { titleVi: 'Dự án khác', startedOn: '2020-01-01' },
    });
    await transition({
      id: other.createStartupProject.startupProject.id,
      expectedVersion: other.createStartupProject.startupProject.version,
      stage: 'INCORPORATED',
      occurredOn: '2020-06-01',
      startupId: taken,
    });

    const events = await outboxSize();
    const cases: Array<[Json, string]> = [
      [{ stage: 'INCUBATED', occurredOn: '2019-12-31' }, 'input.occurredOn'],
      [{ stage: 'INCUBATED', occurredOn: '2999-01-01' }, 'input.occurredOn'],
      [{ stage: 'FUNDED', occurredOn: '2021-01-01' }, 'input.stage'],
      [{ stage: 'INCORPORATED', occurredOn: '2021-01-01' }, 'input.startupId'],
      [{ stage: 'INCORPORATED', occurredOn: '2021-01-01', startupId: UNKNOWN }, 'input.startupId'],
      [{ stage: 'INCORPORATED', occurredOn: '2021-01-01', startupId: taken }, 'input.startupId'],
      [{ stage: 'INCUBATED', occurredOn: '2021-01-01', startupId: taken }, 'input.startupId'],
    ];
    for (const [override, field] of cases) {
      expect({ override, extensions: await refused(TRANSITION, { id, expectedVersion: version, ...override }) }).toMatchObject({
        override,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
    expect(await outboxSize()).toBe(events);
    const stopped = await transition({ id, expectedVersion: version, stage: 'STOPPED', occurredOn: '2021-01-01' });
    expect(await refused(TRANSITION, { id, expectedVersion: stopped.version, stage: 'STOPPED', occurredOn: '2021-02-01' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.stage',
    });
  });

  it('edits the description; moving startedOn moves the IDEA step but not past the next one', async () => {
    const { createStartupProject } = await steward.queryOk<{ createStartupProject: { startupProject: Project } }>(CREATE_PROJECT, {
      input: { titleVi: 'Robot giao hàng', startedOn: '2022-01-01' },
    });
    const id = createStartupProject.startupProject.id;
    const incubated = await transition({ id, expectedVersion: createStartupProject.startupProject.version, stage: 'INCUBATED', occurredOn: '2022-06-01' });
    const edited = await steward.queryOk<{ updateStartupProject: { startupProject: Project } }>(UPDATE_PROJECT, {
      input: { id, expectedVersion: incubated.version, titleEn: 'Delivery robot', startedOn: '2021-11-15' },
    });
    const { version } = edited.updateStartupProject.startupProject;
    expect(edited.updateStartupProject.startupProject).toMatchObject({
      title: { vi: 'Robot giao hàng', en: 'Delivery robot' },
      startedOn: '2021-11-15',
      transitions: [{ stage: 'IDEA', occurredOn: '2021-11-15' }, { stage: 'INCUBATED' }],
    });
    expect(await refused(UPDATE_PROJECT, { id, expectedVersion: version, startedOn: '2022-07-01' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.startedOn',
    });
    expect(await refused(UPDATE_PROJECT, { id, expectedVersion: version, team: [{ name: '', role: 'CTO' }] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.team[0].name',
    });
    const changes = await changesOf(id);
    expect(changes.at(-1)).toMatchObject({ type: 'startupProject.updated', version, changedFields: ['startedOn', 'title', 'transitions'] });
    const found = await graph.queryOk<{ startupProjects: { nodes: Array<{ id: string }> } }>(
      `{ startupProjects(filter: { search: "delivery robot" }) { nodes { id } } }`,
    );
    expect(found.startupProjects.nodes.map((n) => n.id)).toEqual([id]);
  });
});

describe('innovation hubs and cohorts', () => {
  const operator = organizationId('so-khcn-ha-noi');

  it('creates and updates a hub, with events owned by its operator', async () => {
    const input = {
      kind: 'INCUBATOR',
      status: 'OPERATING',
      nameVi: 'Vườn ươm Thử Nghiệm',
      operatorId: operator,
      parentId: HOA_LAC_PARK,
      location: { latitude: 21.02, longitude: 105.53, precision: 'SITE' },
      idempotencyKey: 'hub-1',
    };
    type Created = { createInnovationHub: { replayed: boolean; hub: { id: string; version: number } } };
    const created = await steward.queryOk<Created>(CREATE_HUB, { input });
    expect(created.createInnovationHub).toMatchObject({
      replayed: false,
      hub: { operator: { id: operator }, parent: { id: HOA_LAC_PARK }, location: { latitude: 21.02, precision: 'SITE' } },
    });
    expect((await steward.queryOk<Created>(CREATE_HUB, { input })).createInnovationHub).toMatchObject({
      replayed: true,
      hub: { id: created.createInnovationHub.hub.id },
    });
    const { id, version: read } = created.createInnovationHub.hub;

    const updated = await steward.queryOk<{ updateInnovationHub: { hub: Json } }>(UPDATE_HUB, {
      input: { id, expectedVersion: read, nameVi: 'Vườn ươm Đổi Mới', capacity: 40, location: null },
    });
    expect(updated.updateInnovationHub.hub).toMatchObject({ version: read + 1, name: { vi: 'Vườn ươm Đổi Mới', en: null }, capacity: 40, location: null });
    const events = await outboxSize();
    expect(await refused(UPDATE_HUB, { id, expectedVersion: read, capacity: 1 })).toMatchObject({ code: 'CONFLICT' });
    expect(await refused(UPDATE_HUB, { id, expectedVersion: read + 1, parentId: id })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    expect(await outboxSize()).toBe(events);

    const changes = await changesOf(id);
    expect(changes.map((c) => [c.type, c.version])).toEqual([
      ['innovationHub.created', read],
      ['innovationHub.updated', read + 1],
    ]);
    expect(changes[1]).toMatchObject({
      changedFields: ['capacity', 'location', 'name'],
      after: { name: { vi: 'Vườn ươm Đổi Mới' }, location: null },
      entity: { name: { vi: 'Vườn ươm Đổi Mới' } },
    });
    const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.entityId, id)).limit(1);
    expect(row!.access).toEqual({ level: 'PUBLIC', ownerOrganizationId: operator });
    const found = await graph.queryOk<{ hubs: { nodes: Array<{ id: string }> } }>(`{ hubs(filter: { search: "vuon uom doi moi" }) { nodes { id } } }`);
    expect(found.hubs.nodes.map((n) => n.id)).toEqual([id]);
  });

  it('refuses bad hub input naming the field', async () => {
    const events = await outboxSize();
    const base = { kind: 'INCUBATOR', status: 'PLANNED', nameVi: 'Hub' };
    const cases: Array<[Json, string]> = [
      [{ parentId: UNKNOWN }, 'input.parentId'],
      [{ operatorId: 'not-a-uuid' }, 'input.operatorId'],
      [{ location: { latitude: 100, longitude: 105, precision: 'SITE' } }, 'input.location.latitude'],
      [{ capacity: -5 }, 'input.capacity'],
      [{ nameVi: '' }, 'input.nameVi'],
    ];
    for (const [override, field] of cases) {
      expect({ override, extensions: await refused(CREATE_HUB, { ...base, ...override }) }).toMatchObject({
        override,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
    expect(await outboxSize()).toBe(events);
  });

  it('opens a cohort, adds a participant and records its outcome, each a new cohort version', async () => {
    const hub = hubId('synthetic:lotus-incubator');
    const created = await steward.queryOk<{ createCohort: { replayed: boolean; cohort: { id: string; version: number } } }>(CREATE_COHORT, {
      input: { hubId: hub, name: 'Khóa 2025-T', startsOn: '2025-03-01', endsOn: '2025-09-01', idempotencyKey: 'cohort-1' },
    });
    const id = created.createCohort.cohort.id;
    expect(created.createCohort).toMatchObject({ replayed: false, cohort: { name: { vi: 'Khóa 2025-T' }, hub: { id: hub } } });
    const { createStartupProject } = await steward.queryOk<{ createStartupProject: { startupProject: { id: string } } }>(CREATE_PROJECT, {
      input: { titleVi: 'Dự án trong khóa', startedOn: '2025-01-01' },
    });
    const projectId = createStartupProject.startupProject.id;

    const added = await steward.queryOk<{
      addCohortParticipant: { cohort: { version: number; participants: Array<{ id: string; outcome: string; project: { id: string } }> } };
    }>(ADD_PARTICIPANT, {
      input: { cohortId: id, expectedVersion: created.createCohort.cohort.version, projectId, joinedOn: '2025-03-01' },
    });
    const participation = added.addCohortParticipant.cohort.participants[0]!;
    expect(participation).toMatchObject({ outcome: 'IN_PROGRESS', project: { id: projectId } });
    const finished = await steward.queryOk<{ updateCohortParticipation: { cohort: { version: number } } }>(UPDATE_PARTICIPATION, {
      input: { id: participation.id, expectedVersion: added.addCohortParticipant.cohort.version, outcome: 'GRADUATED', leftOn: '2025-08-30' },
    });
    expect(finished.updateCohortParticipation.cohort).toMatchObject({ participants: [{ outcome: 'GRADUATED', leftOn: '2025-08-30' }] });
    const stale = finished.updateCohortParticipation.cohort.version;
    const ended = await steward.queryOk<{ updateCohort: { cohort: { version: number } } }>(UPDATE_COHORT, {
      input: { id, expectedVersion: stale, endsOn: null },
    });
    const version = ended.updateCohort.cohort.version;

    const events = await outboxSize();
    const cases: Array<[string, Json, string, string]> = [
      [CREATE_COHORT, { hubId: UNKNOWN, name: 'x', startsOn: '2025-01-01' }, 'BAD_USER_INPUT', 'input.hubId'],
      [CREATE_COHORT, { hubId: hub, name: 'x', startsOn: '2025-01-01', endsOn: '2024-12-31' }, 'BAD_USER_INPUT', 'input.endsOn'],
      [UPDATE_COHORT, { id, expectedVersion: version, endsOn: '2025-01-01' }, 'BAD_USER_INPUT', 'input.endsOn'],
      [UPDATE_COHORT, { id, expectedVersion: version, startsOn: '2025-04-01' }, 'BAD_USER_INPUT', 'input.startsOn'],
      [UPDATE_COHORT, { id, expectedVersion: stale, name: 'stale' }, 'CONFLICT', ''],
      [ADD_PARTICIPANT, { cohortId: id, expectedVersion: version, projectId, joinedOn: '2025-03-02' }, 'BAD_USER_INPUT', 'input.projectId'],
      [ADD_PARTICIPANT, { cohortId: id, expectedVersion: version, projectId, startupId: UNKNOWN, joinedOn: '2025-03-02' }, 'BAD_USER_INPUT', 'input.startupId'],
      [ADD_PARTICIPANT, { cohortId: id, expectedVersion: version, startupId: UNKNOWN, joinedOn: '2025-03-02' }, 'BAD_USER_INPUT', 'input.startupId'],
      [ADD_PARTICIPANT, { cohortId: id, expectedVersion: version, projectId: UNKNOWN, joinedOn: '2025-02-01' }, 'BAD_USER_INPUT', 'input.joinedOn'],
      [UPDATE_PARTICIPATION, { id: participation.id, expectedVersion: version, leftOn: '2025-01-01' }, 'BAD_USER_INPUT', 'input.leftOn'],
    ];
    for (const [query, input, code, field] of cases) {
      expect({ input, extensions: await refused(query, input) }).toMatchObject({ input, extensions: { code, ...(field ? { field } : {}) } });
    }
    expect(await outboxSize()).toBe(events);

    const changes = await changesOf(id);
    expect(changes.map((c) => [c.type, c.version, c.changedFields])).toEqual([
      ['cohort.created', created.createCohort.cohort.version, ['endsOn', 'hubId', 'id', 'name', 'participants', 'startsOn']],
      ['cohort.updated', added.addCohortParticipant.cohort.version, ['participants']],
      ['cohort.updated', stale, ['participants']],
      ['cohort.updated', version, ['endsOn']],
    ]);
    expect(changes[2]!.after).toMatchObject({ participants: [{ projectId, outcome: 'GRADUATED', leftOn: '2025-08-30' }] });
  });
});

describe('funding rounds', () => {
  it('records once per key, corrects with the version read, and checks money like the filters do', async () => {
    const startupId = await createStartup();
    const investor = organizationId('so-khcn-ha-noi');
    const input = {
      startupId,
      type: 'SEED',
      announcedOn: '2024-06-01',
      amount: 5_000_000_000,
      currency: 'VND',
      investors: [{ name: 'Quỹ Thử', organizationId: investor }],
      idempotencyKey: 'round-1',
    };
    type Recorded = { recordFundingRound: { replayed: boolean; fundingRound: { id: string; version: number } } };
    const first = await steward.queryOk<Recorded>(RECORD_ROUND, { input });
    expect(first.recordFundingRound).toMatchObject({
      replayed: false,
      fundingRound: { amount: 5_000_000_000, currency: 'VND', startup: { id: startupId }, investors: [{ name: 'Quỹ Thử', organization: { id: investor } }] },
    });
    expect((await steward.queryOk<Recorded>(RECORD_ROUND, { input })).recordFundingRound).toMatchObject({
      replayed: true,
      fundingRound: { id: first.recordFundingRound.fundingRound.id },
    });
    const { id, version: read } = first.recordFundingRound.fundingRound;

    const updated = await steward.queryOk<{ updateFundingRound: { fundingRound: Json } }>(UPDATE_ROUND, {
      input: { id, expectedVersion: read, amount: 200_000, currency: 'USD' },
    });
    expect(updated.updateFundingRound.fundingRound).toMatchObject({ version: read + 1, amount: 200_000, currency: 'USD', type: 'SEED' });

    const events = await outboxSize();
    const base = { startupId, type: 'ANGEL', announcedOn: '2024-01-01' };
    const cases: Array<[string, Json, string, string]> = [
      [RECORD_ROUND, { ...base, amount: -1, currency: 'VND' }, 'BAD_USER_INPUT', 'input.amount'],
      [RECORD_ROUND, { ...base, amount: 1, currency: 'XYZ' }, 'BAD_USER_INPUT', 'input.currency'],
      [RECORD_ROUND, { ...base, amount: 1 }, 'BAD_USER_INPUT', 'input.currency'],
      [RECORD_ROUND, { ...base, startupId: UNKNOWN }, 'BAD_USER_INPUT', 'input.startupId'],
      [RECORD_ROUND, { ...base, announcedOn: '2999-01-01' }, 'BAD_USER_INPUT', 'input.announcedOn'],
      [RECORD_ROUND, { ...base, investors: [{ name: 'X', organizationId: 'nope' }] }, 'BAD_USER_INPUT', 'input.investors[0].organizationId'],
      [UPDATE_ROUND, { id, expectedVersion: read + 1, amount: null }, 'BAD_USER_INPUT', 'input.amount'],
      [UPDATE_ROUND, { id, expectedVersion: read + 1, currency: 'usd' }, 'BAD_USER_INPUT', 'input.currency'],
      [UPDATE_ROUND, { id, expectedVersion: read, type: 'GRANT' }, 'CONFLICT', ''],
    ];
    for (const [query, caseInput, code, field] of cases) {
      expect({ caseInput, extensions: await refused(query, caseInput) }).toMatchObject({ caseInput, extensions: { code, ...(field ? { field } : {}) } });
    }
    expect(await outboxSize()).toBe(events);
    const [row] = await db.select().from(schema.fundingRounds).where(eq(schema.fundingRounds.id, id));
    expect(row).toMatchObject({ amount: 200_000, currency: 'USD', type: 'SEED', version: read + 1 });

    const changes = await changesOf(id);
    expect(changes.map((c) => [c.type, c.version])).toEqual([
      ['fundingRound.recorded', read],
      ['fundingRound.updated', read + 1],
    ]);
    expect(changes[1]).toMatchObject({
      changedFields: ['amount', 'currency'],
      before: { amount: 5_000_000_000, currency: 'VND' },
      after: { amount: 200_000, currency: 'USD' },
    });
  });
});

describe('who may write', () => {
  const UBND = organizationId('ubnd-ha-noi'); // operates the real city-built hubs, e.g. the technology exchange
  const OTHER_ORG = organizationId('so-khdt-ha-noi');
  const LOTUS = hubId('synthetic:lotus-incubator'); // operated by the registry steward
  const anonymous: Pick<TestClient, 'query'> = { query: <T>(text: string, variables?: Record<string, unknown>) => graph.query<T>(text, variables) };
  const tables = [
    schema.startups,
    schema.projects,
    schema.projectTransitions,
    schema.hubs,
    schema.cohorts,
    schema.participations,
    schema.fundingRounds,
  ] as const;
  const rowCounts = async () => Promise.all(tables.map(async (table) => (await db.select({ n: count() }).from(table))[0]!.n));
  /** The access the outbox recorded for an entity's events, one per event. */
  const accessOf = async (id: string) =>
    (await db.select({ access: schema.outbox.access }).from(schema.outbox).where(eq(schema.outbox.entityId, id))).map((row) => row.access);

  /** A valid call of every mutation, on records that exist (so only the caller can make it fail). */
  async function everyMutation(): Promise<Array<[string, string, Json]>> {
    const startupId = await createStartup();
    const spare = await createStartup();
    const project = await steward.queryOk<{ createStartupProject: { startupProject: { id: string; version: number } } }>(CREATE_PROJECT, {
      input: { titleVi: 'Dự án quyền ghi', startedOn: '2024-01-01' },
    });
    const projectId = project.createStartupProject.startupProject.id;
    const hub = await steward.queryOk<{ createInnovationHub: { hub: { id: string; version: number } } }>(CREATE_HUB, {
      input: { kind: 'INCUBATOR', status: 'OPERATING', nameVi: 'Vườn ươm Quyền Ghi', operatorId: REGISTRY_STEWARD_ID },
    });
    const cohort = await steward.queryOk<{ createCohort: { cohort: { id: string; version: number } } }>(CREATE_COHORT, {
      input: { hubId: LOTUS, name: 'Khóa quyền ghi', startsOn: '2024-02-01' },
    });
    const cohortId = cohort.createCohort.cohort.id;
    const added = await steward.queryOk<{ addCohortParticipant: { cohort: { version: number; participants: Array<{ id: string }> } } }>(ADD_PARTICIPANT, {
      input: { cohortId, expectedVersion: cohort.createCohort.cohort.version, projectId, joinedOn: '2024-02-01' },
    });
    const cohortVersion = added.addCohortParticipant.cohort.version;
    const round = await steward.queryOk<{ recordFundingRound: { fundingRound: { id: string; version: number } } }>(RECORD_ROUND, {
      input: { startupId, type: 'SEED', announcedOn: '2024-03-01' },
    });
    return [
      ['createStartup', CREATE_STARTUP, { name: 'Không Được Ghi', registrationCode: newCode(), foundedOn: '2020-01-01', stage: 'GROWTH' }],
      ['updateStartup', UPDATE_STARTUP, { id: startupId, expectedVersion: await versionOf('startup', startupId), teamSize: 3 }],
      ['createStartupProject', CREATE_PROJECT, { titleVi: 'Không được ghi', startedOn: '2024-01-01' }],
      ['updateStartupProject', UPDATE_PROJECT, { id: projectId, expectedVersion: project.createStartupProject.startupProject.version, titleEn: 'Not allowed' }],
      [
        'transitionStartupProject',
        TRANSITION,
        {
          id: projectId,
          expectedVersion: project.createStartupProject.startupProject.version,
          stage: 'INCORPORATED',
          occurredOn: '2024-06-01',
          startupId: spare,
        },
      ],
      ['createInnovationHub', CREATE_HUB, { kind: 'INCUBATOR', status: 'PLANNED', nameVi: 'Không được ghi', operatorId: REGISTRY_STEWARD_ID }],
      ['updateInnovationHub', UPDATE_HUB, { id: hub.createInnovationHub.hub.id, expectedVersion: hub.createInnovationHub.hub.version, capacity: 5 }],
      ['createCohort', CREATE_COHORT, { hubId: LOTUS, name: 'Không được ghi', startsOn: '2025-01-01' }],
      ['updateCohort', UPDATE_COHORT, { id: cohortId, expectedVersion: cohortVersion, name: 'Không được đổi' }],
      ['addCohortParticipant', ADD_PARTICIPANT, { cohortId, expectedVersion: cohortVersion, startupId, joinedOn: '2024-03-01' }],
      [
        'updateCohortParticipation',
        UPDATE_PARTICIPATION,
        { id: added.addCohortParticipant.cohort.participants[0]!.id, expectedVersion: cohortVersion, outcome: 'GRADUATED' },
      ],
      ['recordFundingRound', RECORD_ROUND, { startupId, type: 'ANGEL', announcedOn: '2024-01-01' }],
      [
        'updateFundingRound',
        UPDATE_ROUND,
        { id: round.recordFundingRound.fundingRound.id, expectedVersion: round.recordFundingRound.fundingRound.version, type: 'GRANT' },
      ],
    ];
  }

  it('refuses anonymous callers, partners, integrators and editors of another organisation with FORBIDDEN on every mutation, and writes nothing', async () => {
    const mutations = await everyMutation();
    const callers: Array<[string, Pick<TestClient, 'query'>]> = [
      ['anonymous', anonymous],
      ['partner of the steward', graph.as('partner', REGISTRY_STEWARD_ID)],
      ['integrator', graph.as('integrator')],
      ['editor of another organisation', graph.as('editor', OTHER_ORG)],
      ['editor of another organisation named for another domain', graph.as('editor', OTHER_ORG, { domains: ['experts', 'catalogue'] })],
    ];
    const events = await outboxSize();
    const before = await rowCounts();
    await expectEveryCallForbidden(callers, mutations, 'editors named for the startups domain, and administrators');
    expect(await outboxSize()).toBe(events);
    expect(await rowCounts()).toEqual(before);
  });

  it('lets an editor of a hub operator write its hubs and their cohorts, but not another operator’s hub, a hub without operator, or the startup register', async () => {
    const operatorEditor = graph.as('editor', UBND);
    const cohort = await operatorEditor.queryOk<{ createCohort: { cohort: { id: string; version: number; hub: { id: string } } } }>(CREATE_COHORT, {
      input: { hubId: TECHNOLOGY_EXCHANGE, name: 'Khóa của nhà vận hành', startsOn: '2025-01-01' },
    });
    const cohortId = cohort.createCohort.cohort.id;
    expect(cohort.createCohort.cohort.hub.id).toBe(TECHNOLOGY_EXCHANGE);
    const projectId = (
      await steward.queryOk<{ createStartupProject: { startupProject: { id: string } } }>(CREATE_PROJECT, {
        input: { titleVi: 'Dự án ươm ở sàn', startedOn: '2024-12-01' },
      })
    ).createStartupProject.startupProject.id;
    const added = await operatorEditor.queryOk<{ addCohortParticipant: { cohort: { version: number; participants: Array<{ id: string }> } } }>(
      ADD_PARTICIPANT,
      {
        input: { cohortId, expectedVersion: cohort.createCohort.cohort.version, projectId, joinedOn: '2025-01-01' },
      },
    );
    const finished = await operatorEditor.queryOk<{ updateCohortParticipation: { cohort: { version: number } } }>(UPDATE_PARTICIPATION, {
      input: { id: added.addCohortParticipant.cohort.participants[0]!.id, expectedVersion: added.addCohortParticipant.cohort.version, outcome: 'GRADUATED' },
    });
    await operatorEditor.queryOk(UPDATE_COHORT, {
      input: { id: cohortId, expectedVersion: finished.updateCohortParticipation.cohort.version, endsOn: '2025-06-30' },
    });
    const [exchange] = await db.select().from(schema.hubs).where(eq(schema.hubs.id, TECHNOLOGY_EXCHANGE));
    await operatorEditor.queryOk(UPDATE_HUB, { input: { id: TECHNOLOGY_EXCHANGE, expectedVersion: exchange!.version, capacity: 60 } });
    const ownHub = await operatorEditor.queryOk<{ createInnovationHub: { hub: { id: string } } }>(CREATE_HUB, {
      input: { kind: 'CO_WORKING', status: 'PLANNED', nameVi: 'Không gian của thành phố', operatorId: UBND },
    });
    // The events carry the operator as owner.
    for (const id of [cohortId, TECHNOLOGY_EXCHANGE, ownHub.createInnovationHub.hub.id]) {
      for (const access of await accessOf(id)) expect({ id, access }).toEqual({ id, access: { level: 'PUBLIC', ownerOrganizationId: UBND } });
    }

    const events = await outboxSize();
    const before = await rowCounts();
    const [lotus] = await db.select().from(schema.hubs).where(eq(schema.hubs.id, LOTUS));
    const refusals: Array<[string, Json]> = [
      [CREATE_COHORT, { hubId: LOTUS, name: 'Khóa của người khác', startsOn: '2025-01-01' }], // the steward's hub
      [CREATE_COHORT, { hubId: HOA_LAC_PARK, name: 'Khóa không chủ', startsOn: '2025-01-01' }], // no operator: the steward's
      [UPDATE_HUB, { id: LOTUS, expectedVersion: lotus!.version, capacity: 1 }],
      [UPDATE_HUB, { id: TECHNOLOGY_EXCHANGE, expectedVersion: exchange!.version + 1, operatorId: OTHER_ORG }], // handing it to another operator
      [CREATE_HUB, { kind: 'INCUBATOR', status: 'PLANNED', nameVi: 'Hub không chủ' }],
      [CREATE_HUB, { kind: 'INCUBATOR', status: 'PLANNED', nameVi: 'Hub của Sở', operatorId: REGISTRY_STEWARD_ID }],
      [CREATE_STARTUP, { name: 'Công ty của thành phố', registrationCode: newCode(), foundedOn: '2020-01-01', stage: 'GROWTH' }],
      [CREATE_PROJECT, { titleVi: 'Dự án của thành phố', startedOn: '2024-01-01' }],
    ];
    for (const [mutation, input] of refusals) {
      expect({ input, extensions: await refused(mutation, input, operatorEditor) }).toMatchObject({ input, extensions: { code: 'FORBIDDEN' } });
    }
    const othersCohort = (
      await steward.queryOk<{ createCohort: { cohort: { id: string; version: number } } }>(CREATE_COHORT, {
        input: { hubId: LOTUS, name: 'Khóa của Sở', startsOn: '2025-01-01' },
      })
    ).createCohort.cohort;
    const afterSetup = await outboxSize();
    expect(await refused(UPDATE_COHORT, { id: othersCohort.id, expectedVersion: othersCohort.version, name: 'Đổi trộm' }, operatorEditor)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await outboxSize()).toBe(afterSetup);
    expect(afterSetup).toBe(events + 1);
    expect(await rowCounts()).toEqual(before.map((n, k) => (tables[k] === schema.cohorts ? n + 1 : n))); // only the steward's cohort
  });

  it('lets an editor of another organisation named for the startups domain, and an admin, write anything; register events are owned by the steward', async () => {
    const named = graph.as('editor', OTHER_ORG, { domains: ['startups'] });
    const admin = graph.as('admin');
    for (const [who, client] of [
      ['named editor', named],
      ['admin', admin],
    ] as const) {
      const startup = await client.queryOk<{ createStartup: { startup: { id: string } } }>(CREATE_STARTUP, {
        input: { name: `Công ty ${who}`, registrationCode: newCode(), foundedOn: '2021-01-01', stage: 'GROWTH' },
      });
      const startupId = startup.createStartup.startup.id;
      await client.queryOk(UPDATE_STARTUP, { input: { id: startupId, expectedVersion: await versionOf('startup', startupId), teamSize: 9 } });
      const round = await client.queryOk<{ recordFundingRound: { fundingRound: { id: string } } }>(RECORD_ROUND, {
        input: { startupId, type: 'SEED', announcedOn: '2024-01-01' },
      });
      const project = await client.queryOk<{ createStartupProject: { startupProject: { id: string; version: number } } }>(CREATE_PROJECT, {
        input: { titleVi: `Dự án ${who}`, startedOn: '2024-01-01' },
      });
      const { id: projectId, version: projectVersion } = project.createStartupProject.startupProject;
      await client.queryOk(TRANSITION, { input: { id: projectId, expectedVersion: projectVersion, stage: 'INCUBATED', occurredOn: '2024-02-01' } });
      // Any operator's hub and its cohorts: the city's exchange, a hub for a third organisation.
      const cohort = await client.queryOk<{ createCohort: { cohort: { id: string; version: number } } }>(CREATE_COHORT, {
        input: { hubId: TECHNOLOGY_EXCHANGE, name: `Khóa ${who}`, startsOn: '2025-02-01' },
      });
      const { id: cohortId, version: cohortVersion } = cohort.createCohort.cohort;
      await client.queryOk(ADD_PARTICIPANT, { input: { cohortId, expectedVersion: cohortVersion, projectId, joinedOn: '2025-02-01' } });
      const hub = await client.queryOk<{ createInnovationHub: { hub: { id: string } } }>(CREATE_HUB, {
        input: { kind: 'INCUBATOR', status: 'PLANNED', nameVi: `Hub ${who}`, operatorId: organizationId('bo-khcn') },
      });

      for (const id of [startupId, round.recordFundingRound.fundingRound.id, projectId]) {
        for (const access of await accessOf(id))
          expect({ who, id, access }).toEqual({ who, id, access: { level: 'PUBLIC', ownerOrganizationId: REGISTRY_STEWARD_ID } });
      }
      for (const access of await accessOf(cohort.createCohort.cohort.id)) expect(access).toEqual({ level: 'PUBLIC', ownerOrganizationId: UBND });
      expect(await accessOf(hub.createInnovationHub.hub.id)).toEqual([{ level: 'PUBLIC', ownerOrganizationId: organizationId('bo-khcn') }]);
    }
  });

  it('refuses, straight at the subgraph, an editor of the steward whose API key lacks the WRITE scope', async () => {
    const events = await outboxSize();
    const result = await graph.postToSubgraph<{ createStartup: unknown }>(
      'startups',
      CREATE_STARTUP,
      { input: { name: 'Khóa chỉ đọc', registrationCode: newCode(), foundedOn: '2020-01-01', stage: 'GROWTH' } },
      { role: 'editor', organizationId: REGISTRY_STEWARD_ID, subject: 'apikey:read-only', scopes: ['CHANGES'], credential: 'apiKey' },
    );
    expect(result.data?.createStartup ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await outboxSize()).toBe(events);
  });
});
