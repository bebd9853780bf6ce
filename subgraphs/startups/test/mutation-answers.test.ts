import { createRecord, expectOwnAnswers, startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';

/**
 * Every updatable record of the startup register answers its update with what that update
 * committed (kernel/subgraph/committed.ts), never with what the request read before: two aliased
 * updates in one document (`expectOwnAnswers`), for startups, projects (update and lifecycle
 * step), hubs, cohorts and funding rounds, each on a record created here and read back after.
 */
let graph: TestGraph;
let admin: TestClient;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['startups', 'integrations'] });
  admin = graph.as('admin');
}, 120_000);
afterAll(() => graph?.stop());

/** Creates a record as the admin, with its id and version from the answer. */
const create = (mutation: string, inputType: string, payload: string, input: Record<string, unknown>) =>
  createRecord(admin, mutation, inputType, payload, input);

/** Reads one record by id through a root field of the Query type, as a client would. */
async function readBy(field: string, id: string, selection: string): Promise<unknown> {
  const data = await admin.queryOk<Record<string, unknown>>(`query ($id: ID!) { ${field}(id: $id) { version ${selection} } }`, { id });
  return data[field];
}

let startups = 0;
const startup = () =>
  create('createStartup', 'CreateStartupInput', 'startup', {
    name: 'Công ty Hai Lần',
    registrationCode: `88990${String(++startups).padStart(5, '0')}`,
    foundedOn: '2023-05-02',
    stage: 'PROTOTYPE',
  });
const project = () => create('createStartupProject', 'CreateStartupProjectInput', 'startupProject', { titleVi: 'Dự án Hai Lần', startedOn: '2023-01-01' });

it('updateStartup', async () => {
  const { id, version } = await startup();
  const selection = 'name { vi } teamSize';
  await expectOwnAnswers(admin, {
    mutation: 'updateStartup',
    inputType: 'UpdateStartupInput',
    payload: 'startup',
    selection,
    id,
    version,
    changes: [{ name: 'Một', teamSize: 5 }, { name: 'Hai' }],
    answers: [
      { name: { vi: 'Một' }, teamSize: 5 },
      { name: { vi: 'Hai' }, teamSize: 5 },
    ],
    read: () => readBy('startup', id, selection),
  });
});

it('updateStartupProject', async () => {
  const { id, version } = await project();
  const selection = 'title { vi }';
  await expectOwnAnswers(admin, {
    mutation: 'updateStartupProject',
    inputType: 'UpdateStartupProjectInput',
    payload: 'startupProject',
    selection,
    id,
    version,
    changes: [{ titleVi: 'Một' }, { titleVi: 'Hai' }],
    answers: [{ title: { vi: 'Một' } }, { title: { vi: 'Hai' } }],
    read: () => readBy('startupProject', id, selection),
  });
});

it('transitionStartupProject', async () => {
  const { id, version } = await project();
  const selection = 'stage: startupProjectStage transitions { stage }';
  await expectOwnAnswers(admin, {
    mutation: 'transitionStartupProject',
    inputType: 'TransitionStartupProjectInput',
    payload: 'startupProject',
    selection,
    id,
    version,
    changes: [
      { stage: 'INCUBATED', occurredOn: '2023-06-01' },
      { stage: 'STOPPED', occurredOn: '2023-07-01' },
    ],
    answers: [
      { stage: 'INCUBATED', transitions: [{ stage: 'IDEA' }, { stage: 'INCUBATED' }] },
      { stage: 'STOPPED', transitions: [{ stage: 'IDEA' }, { stage: 'INCUBATED' }, { stage: 'STOPPED' }] },
    ],
    read: () => readBy('startupProject', id, selection),
  });
});

it('updateInnovationHub and updateCohort', async () => {
  const hub = await create('createInnovationHub', 'CreateInnovationHubInput', 'hub', { kind: 'INCUBATOR', status: 'OPERATING', nameVi: 'Vườn ươm Hai Lần' });
  const hubSelection = 'name { vi } capacity';
  await expectOwnAnswers(admin, {
    mutation: 'updateInnovationHub',
    inputType: 'UpdateInnovationHubInput',
    payload: 'hub',
    selection: hubSelection,
    ...hub,
    changes: [{ nameVi: 'Một', capacity: 10 }, { nameVi: 'Hai' }],
    answers: [
      { name: { vi: 'Một' }, capacity: 10 },
      { name: { vi: 'Hai' }, capacity: 10 },
    ],
    read: () => readBy('hub', hub.id, hubSelection),
  });

  const cohort = await create('createCohort', 'CreateCohortInput', 'cohort', { hubId: hub.id, name: 'Khóa Hai Lần', startsOn: '2025-03-01' });
  const cohortSelection = 'name { vi } endsOn';
  await expectOwnAnswers(admin, {
    mutation: 'updateCohort',
    inputType: 'UpdateCohortInput',
    payload: 'cohort',
    selection: cohortSelection,
    ...cohort,
    changes: [{ name: 'Một', endsOn: '2025-09-01' }, { name: 'Hai' }],
    answers: [
      { name: { vi: 'Một' }, endsOn: '2025-09-01' },
      { name: { vi: 'Hai' }, endsOn: '2025-09-01' },
    ],
    read: () => readBy('cohort', cohort.id, cohortSelection),
  });
});

it('updateFundingRound', async () => {
  const owner = await startup();
  const round = await create('recordFundingRound', 'RecordFundingRoundInput', 'fundingRound', { startupId: owner.id, type: 'SEED', announcedOn: '2024-01-10' });
  const selection = 'amount currency type';
  await expectOwnAnswers(admin, {
    mutation: 'updateFundingRound',
    inputType: 'UpdateFundingRoundInput',
    payload: 'fundingRound',
    selection,
    ...round,
    changes: [{ amount: 100_000, currency: 'USD' }, { amount: 200_000 }],
    answers: [
      { amount: 100_000, currency: 'USD', type: 'SEED' },
      { amount: 200_000, currency: 'USD', type: 'SEED' },
    ],
    read: async () => {
      const data = await admin.queryOk<{ startup: { fundingRounds: Array<Record<string, unknown>> } }>(
        `query ($id: ID!) { startup(id: $id) { fundingRounds { version ${selection} } } }`,
        { id: owner.id },
      );
      return data.startup.fundingRounds[0];
    },
  });
});
