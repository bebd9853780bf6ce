import { asc, eq } from 'drizzle-orm';
import { startTestGraph, type TestGraph, type TestClient } from '../../../gateway/testing';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import { indicatorId, organizationId, REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';

/**
 * PROVISIONAL values are drafts (ACCESS_RULES.draftRecord): partners and admins see them, the
 * editors of the indicator's responsible department too, nobody else; for those who may not,
 * a provisional revision is as if it had never been recorded, on every path. Through the
 * gateway, per role, and by direct federation calls as the gateway would make them.
 */

const INNOVATIVE = indicatorId('CTR07-INNOVATIVE-ENTERPRISES'); // target: above 50 % by 2025
const OWNER = REGISTRY_STEWARD_ID; // Sở KH&CN Hà Nội is responsible for it
const OTHER = organizationId('so-tttt-ha-noi');

const RECORD = `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id revision } } }`;
const REVISE = `mutation ($input: ReviseObservationInput!) { reviseObservation(input: $input) { observation { id revision } } }`;
const VIEW = `query ($asOf: DateTime) {
  indicator(id: "${INNOVATIVE}") {
    observations { nodes { id period { label } value status: observationStatus revision supersededAt revisions { revision value status supersededAt } } }
    asOf: observations(asOf: $asOf) { nodes { period { label } value revision } }
    assessment { status ruleCode observation { value } }
    status: indicatorStatus
    targets { nodes { assessment { status } } }
    programme { progress { achieved atRisk noData } }
  }
  indicatorStatusCounts(filter: { kinds: [PROGRAMME], synthetic: false }) { achieved atRisk noData }
}`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Observation { id value status: observationStatus revision revisions { revision } } } }`;

interface View {
  indicator: {
    observations: {
      nodes: Array<{
        id: string;
        period: { label: string };
        value: number;
        status: string;
        revision: number;
        supersededAt: string | null;
        revisions: Array<{ revision: number; value: number; status: string; supersededAt: string | null }>;
      }>;
    };
    asOf: { nodes: Array<{ period: { label: string }; value: number; revision: number }> };
    assessment: { status: string; ruleCode: string; observation: { value: number } | null };
    status: string;
    targets: { nodes: Array<{ assessment: { status: string } }> };
    programme: { progress: { achieved: number; atRisk: number; noData: number } };
  };
  indicatorStatusCounts: Array<{ achieved: number; atRisk: number; noData: number }>;
}

interface Reader {
  name: string;
  client: Pick<TestClient, 'queryOk'>;
  /** The caller the gateway asserts for this reader, for direct subgraph calls. */
  caller: Caller;
  seesProvisional: boolean;
}

let graph: TestGraph;
let db: Db<typeof schema>;
let readers: Reader[];

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes'] });
  db = graph.dbOf('programmes');
  const reader = (name: string, role: Caller['role'], org: string | null, seesProvisional: boolean, domains?: Array<'programmes'>): Reader => ({
    name,
    client: role === 'public' ? graph : graph.as(role, org ?? undefined, domains ? { domains } : {}),
    caller: { role, organizationId: org, subject: `test-${name}`, ...(domains ? { domains } : {}) },
    seesProvisional,
  });
  readers = [
    reader('public', 'public', null, false),
    reader('partner', 'partner', organizationId('ubnd-ha-noi'), true),
    reader('editor of the responsible department', 'editor', OWNER, true),
    reader('editor of another department', 'editor', OTHER, false),
    // Domains widen writes, not reads (as in the catalogue and the change feed).
    reader('editor named for the programmes domain', 'editor', OTHER, false, ['programmes']),
    reader('integrator', 'integrator', null, false),
    reader('admin', 'admin', null, true),
  ];
});
afterAll(() => graph?.stop());

const ownerEditor = () => graph.as('editor', OWNER);
const view = (client: Pick<TestClient, 'queryOk'>, asOf?: string) => client.queryOk<View>(VIEW, { asOf: asOf ?? new Date().toISOString() });
const entities = async (caller: Caller, ids: string[]) => {
  const result = await graph.postToSubgraph<{
    _entities: Array<{ id: string; value: number; status: string; revision: number; revisions: Array<{ revision: number }> } | null>;
  }>('programmes', ENTITIES, { r: ids.map((id) => ({ __typename: 'Observation', id })) }, caller);
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
};
const eventsOf = (id: string) => db.select().from(schema.outbox).where(eq(schema.outbox.entityId, id)).orderBy(asc(schema.outbox.position));

describe('provisional observations', () => {
  let y2024: string;
  let y2025: string;
  let publicBefore: View;
  let beforeProvisional: string;

  beforeAll(async () => {
    // 2024: a final value, everyone sees it (45 %: below the target, before the deadline).
    const record = async (year: number, value: number, status: string) =>
      (
        await ownerEditor().queryOk<{ recordObservation: { observation: { id: string } } }>(RECORD, {
          input: { indicatorId: INNOVATIVE, periodKind: 'YEAR', periodStart: `${year}-01-01`, value, status },
        })
      ).recordObservation.observation.id;
    y2024 = await record(2024, 45, 'FINAL');
    beforeProvisional = new Date().toISOString();
    publicBefore = await view(graph, beforeProvisional);
    // 2025, a new period: only a provisional value (55 %, the target met at the deadline).
    y2025 = await record(2025, 55, 'PROVISIONAL');
    // 2024 revised to a provisional 48 %.
    await ownerEditor().queryOk(REVISE, { input: { observationId: y2024, expectedRevision: 1, value: 48, status: 'PROVISIONAL' } });
  });

  it('are seen only by partners, admins and the responsible department’s editors, on every path', async () => {
    for (const { name, client, caller, seesProvisional } of readers) {
      const { indicator, indicatorStatusCounts } = await view(client);
      const entity = await entities(caller, [y2025, y2024]);
      const seen = {
        name,
        series: indicator.observations.nodes.map((o) => [o.period.label, o.value, o.status, o.revision, o.supersededAt]),
        revisions2024: indicator.observations.nodes[0]!.revisions.map((r) => [r.revision, r.value, r.status, r.supersededAt === null]),
        asOf: indicator.asOf.nodes.map((o) => [o.period.label, o.value, o.revision]),
        assessment: [indicator.assessment.status, indicator.assessment.ruleCode, indicator.assessment.observation?.value],
        status: indicator.status,
        targetStatus: indicator.targets.nodes[0]!.assessment.status,
        progress: indicator.programme.progress,
        counts: indicatorStatusCounts,
        entities: entity.map((e) => (e ? [e.value, e.status, e.revision, e.revisions.map((r) => r.revision)] : null)),
      };
      if (seesProvisional) {
        expect(seen).toEqual({
          name,
          series: [
            ['2024', 48, 'PROVISIONAL', 2, null],
            ['2025', 55, 'PROVISIONAL', 1, null],
          ],
          revisions2024: [
            [1, 45, 'FINAL', false],
            [2, 48, 'PROVISIONAL', true],
          ],
          asOf: [
            ['2024', 48, 2],
            ['2025', 55, 1],
          ],
          assessment: ['ACHIEVED', 'FINAL_READING', 55],
          status: 'ACHIEVED',
          targetStatus: 'ACHIEVED',
          // The other four indicators have no observation: the conference's reported assessments count (one achieved).
          progress: { achieved: 2, atRisk: 0, noData: 0 },
          counts: [{ achieved: 2, atRisk: 0, noData: 0 }],
          entities: [
            [55, 'PROVISIONAL', 1, [1]],
            [48, 'PROVISIONAL', 2, [1, 2]],
          ],
        });
      } else {
        // As if the provisional revisions had never been recorded: 2024 is still revision 1, current, and 2025 does not exist.
        expect(seen).toEqual({
          name,
          series: [['2024', 45, 'FINAL', 1, null]],
          revisions2024: [[1, 45, 'FINAL', true]],
          asOf: [['2024', 45, 1]],
          assessment: ['AT_RISK', 'MID_COURSE_READING', 45],
          status: 'AT_RISK',
          targetStatus: 'AT_RISK',
          progress: { achieved: 1, atRisk: 1, noData: 0 },
          counts: [{ achieved: 1, atRisk: 1, noData: 0 }],
          entities: [null, [45, 'FINAL', 1, [1]]],
        });
      }
    }
  });

  it('leave the public status and time series exactly as they were', async () => {
    expect(await view(graph, beforeProvisional)).toEqual(publicBefore);
  });

  it('mark their events as drafts of the responsible department, and keep provisional values out of public events', async () => {
    const [recorded2024, revised2024] = await eventsOf(y2024);
    const [recorded2025] = await eventsOf(y2025);
    expect(recorded2024!.access).toEqual({ level: 'PUBLIC', draft: false, ownerOrganizationId: OWNER });
    expect(recorded2025).toMatchObject({
      type: 'indicator.observation.recorded',
      access: { level: 'PUBLIC', draft: true, ownerOrganizationId: OWNER },
      after: { value: 55, status: 'PROVISIONAL' },
    });
    expect(revised2024).toMatchObject({
      access: { draft: true, ownerOrganizationId: OWNER },
      before: { value: 45, status: 'FINAL' },
      after: { value: 48, status: 'PROVISIONAL' },
    });
  });

  it('become public when revised to FINAL, and that public event shows no provisional value', async () => {
    await ownerEditor().queryOk(REVISE, { input: { observationId: y2025, expectedRevision: 1, status: 'FINAL' } });
    await ownerEditor().queryOk(REVISE, { input: { observationId: y2024, expectedRevision: 2, value: 47, status: 'FINAL' } });
    const { indicator, indicatorStatusCounts } = await view(graph);
    expect(
      indicator.observations.nodes.map((o) => [o.period.label, o.value, o.status, o.revision, o.revisions.map((r) => [r.revision, r.supersededAt === null])]),
    ).toEqual([
      // 2024 revision 1 is now superseded by revision 3 (revision 2 stays hidden).
      [
        '2024',
        47,
        'FINAL',
        3,
        [
          [1, false],
          [3, true],
        ],
      ],
      ['2025', 55, 'FINAL', 2, [[2, true]]],
    ]);
    expect(indicator.observations.nodes[0]!.revisions[0]!.supersededAt).toBe(await revisionRecordedAt(y2024, 3));
    expect(indicator.assessment).toMatchObject({ status: 'ACHIEVED', observation: { value: 55 } });
    expect(indicatorStatusCounts).toEqual([{ achieved: 2, atRisk: 0, noData: 0 }]);
    expect(await entities({ role: 'public', organizationId: null, subject: null }, [y2025])).toEqual([
      { id: y2025, value: 55, status: 'FINAL', revision: 2, revisions: [{ revision: 2 }] },
    ]);

    // Both events are public; their `before` is the last value everyone saw (none for 2025, 45 for 2024).
    const [, , final2024] = await eventsOf(y2024);
    const [, final2025] = await eventsOf(y2025);
    expect(final2025).toMatchObject({ access: { draft: false }, before: null, after: { value: 55, status: 'FINAL' } });
    expect(final2025!.changedFields).not.toContain('recordedAt');
    expect(final2024).toMatchObject({
      access: { draft: false },
      before: { value: 45, status: 'FINAL', revision: 1 },
      after: { value: 47, status: 'FINAL', revision: 3 },
      changedFields: ['revision', 'value'],
    });
  });
});

async function revisionRecordedAt(observationId: string, revision: number): Promise<string> {
  const rows = await db.select().from(schema.observationRevisions).where(eq(schema.observationRevisions.observationId, observationId));
  return rows.find((row) => row.revision === revision)!.recordedAt.toISOString();
}
