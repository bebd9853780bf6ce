import { createRecord, expectOwnAnswers, startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import { syntheticId } from '../../kernel/reference/seed-refs';
import { NETWORK_CODES, networkId } from '../seed/networks';

/**
 * Every updatable record of the experts network answers its update with what that update
 * committed (kernel/subgraph/committed.ts), never with what the request read before: two aliased
 * updates in one document (`expectOwnAnswers`) for an expert, a membership and an engagement,
 * each created here and read back after through the expert.
 */
let graph: TestGraph;
let admin: TestClient;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['experts', 'integrations'] });
  admin = graph.as('admin');
}, 120_000);
afterAll(() => graph?.stop());

/** Creates a record as the admin, with its id and version from the answer. */
const create = (mutation: string, inputType: string, payload: string, input: Record<string, unknown>) =>
  createRecord(admin, mutation, inputType, payload, input);

/** Reads the expert's `field` (itself, or one of its memberships or engagements) with `selection`. */
async function readOfExpert(expertId: string, field: 'memberships' | 'engagements' | null, selection: string): Promise<unknown> {
  const data = await admin.queryOk<{ expert: Record<string, unknown> }>(
    `query ($id: ID!) { expert(id: $id) { ${field === null ? `version ${selection}` : `${field} { version ${selection} }`} } }`,
    { id: expertId },
  );
  return field === null ? data.expert : (data.expert[field] as unknown[])[0];
}

const expert = () => create('createExpert', 'CreateExpertInput', 'expert', { fullName: 'Trần Thị Hai Lần', countryOfResidence: 'VN' });

it('updateExpert', async () => {
  const { id, version } = await expert();
  const selection = 'fullName keywords';
  await expectOwnAnswers(admin, {
    mutation: 'updateExpert',
    inputType: 'UpdateExpertInput',
    payload: 'expert',
    selection,
    id,
    version,
    changes: [{ fullName: 'Trần Thị Một', keywords: ['robot'] }, { fullName: 'Trần Thị Hai' }],
    answers: [
      { fullName: 'Trần Thị Một', keywords: ['robot'] },
      { fullName: 'Trần Thị Hai', keywords: ['robot'] },
    ],
    read: () => readOfExpert(id, null, selection),
  });
});

it('updateMembership', async () => {
  const member = await expert();
  const membership = await create('createMembership', 'CreateMembershipInput', 'membership', {
    expertId: member.id,
    networkId: networkId(NETWORK_CODES.hanoiInitiative),
    since: '2024-01-01',
  });
  const selection = 'role: membershipRole since until';
  await expectOwnAnswers(admin, {
    mutation: 'updateMembership',
    inputType: 'UpdateMembershipInput',
    payload: 'membership',
    selection,
    ...membership,
    changes: [{ role: 'SECRETARY', until: '2025-12-31' }, { role: 'CHAIR' }],
    answers: [
      { role: 'SECRETARY', since: '2024-01-01', until: '2025-12-31' },
      { role: 'CHAIR', since: '2024-01-01', until: '2025-12-31' },
    ],
    read: () => readOfExpert(member.id, 'memberships', selection),
  });
});

it('updateEngagement', async () => {
  const mentor = await expert();
  const engagement = await create('createEngagement', 'CreateEngagementInput', 'engagement', {
    expertId: mentor.id,
    role: 'MENTOR',
    targetType: 'STARTUP',
    targetId: syntheticId('Startup', 7),
  });
  const selection = 'status: engagementStatus startedOn';
  await expectOwnAnswers(admin, {
    mutation: 'updateEngagement',
    inputType: 'UpdateEngagementInput',
    payload: 'engagement',
    selection,
    ...engagement,
    changes: [{ status: 'ACTIVE', startedOn: '2025-02-01' }, { status: 'COMPLETED' }],
    answers: [
      { status: 'ACTIVE', startedOn: '2025-02-01' },
      { status: 'COMPLETED', startedOn: '2025-02-01' },
    ],
    read: () => readOfExpert(mentor.id, 'engagements', selection),
  });
});
