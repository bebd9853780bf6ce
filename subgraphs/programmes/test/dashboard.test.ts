import { and, eq, isNotNull } from 'drizzle-orm';
import { startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import { assessIndicator, primaryTarget } from '../rules/indicator-status';
import type { ProvisionalReach } from '../store/visibility';
import { seriesAsComputed, type ReferenceObservation } from './series-reference';

/**
 * The ministry dashboard (bench W1) through the gateway, as a client sends it: every page of
 * every programme's indicators, with each one's status (demo values included) and the first
 * observations from a date. Its statuses and observations are read by purpose-built SQL (the
 * latest usable observation per indicator, revisions by lateral index reads); here they must
 * equal the rule and the series computed in JavaScript over the tables read whole, for a
 * public reader, a partner (sees provisional values) and an editor (sees their own).
 */
const DASHBOARD = `query ($programmeIds: [ID!], $after: String, $from: Date) {
  indicators(first: 20, after: $after, filter: { programmeIds: $programmeIds }) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      status: indicatorStatus(includeSynthetic: true)
      assessment(includeSynthetic: true) { status ruleCode observation { id } }
      observations(from: $from, first: 5) { nodes { id value status: observationStatus } }
    }
  }
}`;

interface Page {
  indicators: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      status: string;
      assessment: { status: string; ruleCode: string; observation: { id: string } | null };
      observations: { nodes: Array<{ id: string; value: number; status: string }> };
    }>;
  };
}

let graph: TestGraph;
let db: Db<typeof schema>;
/** An organisation responsible for an indicator with a provisional value. */
let owner: string;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes'] });
  db = graph.dbOf('programmes');
  const [provisional] = await db
    .select({ organizationId: schema.indicators.responsibleOrganizationId })
    .from(schema.observationRevisions)
    .innerJoin(schema.observations, eq(schema.observations.id, schema.observationRevisions.observationId))
    .innerJoin(schema.indicators, eq(schema.indicators.id, schema.observations.indicatorId))
    .where(and(eq(schema.observationRevisions.status, 'PROVISIONAL'), isNotNull(schema.indicators.responsibleOrganizationId)))
    .limit(1);
  owner = provisional!.organizationId!;
}, 120_000);
afterAll(() => graph?.stop());

const readers: Array<{ name: string; client: () => Pick<TestClient, 'queryOk'>; reach: () => ProvisionalReach }> = [
  { name: 'public', client: () => graph, reach: () => 'none' },
  { name: 'partner', client: () => graph.as('partner', owner), reach: () => 'all' },
  { name: 'editor of a responsible department', client: () => graph.as('editor', owner), reach: () => ({ ownerOrganizationId: owner }) },
];

describe('the ministry dashboard through the gateway', () => {
  it.each(readers.map((reader) => [reader.name, reader] as const))(
    'shows the statuses and observations computed over the rows (%s)',
    async (_name, reader) => {
      const series = await seriesAsComputed(db, reader.reach(), null);
      const starts = series.map((row) => row.periodStart).sort();
      const from = starts[Math.floor(starts.length / 2)]!;
      const indicators = new Map((await db.select().from(schema.indicators)).map((indicator) => [indicator.id, indicator]));
      const targets = await db.select().from(schema.targets);
      const programmeIds = [...new Set([...indicators.values()].map((indicator) => indicator.programmeId))];
      let compared = 0;
      let withObservation = 0;
      for (const programmeId of programmeIds) {
        let after: string | null = null;
        do {
          const page: Page = await reader.client().queryOk<Page>(DASHBOARD, { programmeIds: [programmeId], after, from });
          for (const node of page.indicators.nodes) {
            const indicator = indicators.get(node.id)!;
            const own = series.filter((row: ReferenceObservation) => row.indicatorId === node.id);
            const target = primaryTarget(targets.filter((row) => row.indicatorId === node.id));
            const expected = assessIndicator(indicator, target, own);
            // Where nothing can be computed, a reported status may stand in (ruleCode REPORTED).
            if (node.assessment.ruleCode === 'REPORTED') expect(expected.status).toBe('NO_DATA');
            else
              expect([node.assessment.status, node.assessment.ruleCode, node.assessment.observation?.id ?? null]).toEqual([
                expected.status,
                expected.ruleCode,
                expected.observation?.id ?? null,
              ]);
            expect(node.status).toBe(node.assessment.status);
            const shown = own.filter((row) => row.synthetic === indicator.synthetic && row.periodStart >= from).slice(0, 5);
            expect(node.observations.nodes).toEqual(shown.map((row) => ({ id: row.id, value: row.value, status: row.status })));
            compared++;
            if (expected.observation) withObservation++;
          }
          after = page.indicators.pageInfo.hasNextPage ? page.indicators.pageInfo.endCursor : null;
        } while (after);
      }
      // The comparison means something: many indicators, many with a compared observation.
      expect(compared).toBeGreaterThan(20);
      expect(withObservation).toBeGreaterThan(10);
    },
    300_000,
  );
});
