import { and, eq, isNotNull } from 'drizzle-orm';
import type { DatabaseHandle } from '../../kernel/platform/db';
import { openTestDatabase } from '../../kernel/testing/database';
import type * as schema from '../db/schema';
import { programmes } from '../index';
import { createLoaders } from '../loaders';
import { assessWithLoaders } from '../assessment';
import { assessIndicator, primaryTarget } from '../rules/indicator-status';
import { indicatorsByProgrammeIds } from '../store/indicators';
import { observationsByIds, observationsForIndicators } from '../store/observations';
import type { ProvisionalReach } from '../store/visibility';
import { indicators, observationRevisions, observations } from '../db/schema';
import { seriesAsComputed } from './series-reference';

/**
 * A status reads only the candidates of the observation it compares (the latest usable real
 * and demo ones in the target's window), not the whole series. Proof that this changes no
 * answer: for every seeded indicator (real and demo, with 20 years of monthly demo values),
 * every reach, with and without demo values, now and as of a past instant, the status equals
 * the rule applied to the whole series as the store reads it.
 */
describe('indicator status from its candidate observations', () => {
  let database: DatabaseHandle<typeof schema>;

  beforeAll(async () => {
    database = await openTestDatabase(programmes);
    await database.migrate();
    await programmes.seed!(database.db);
  }, 120_000);
  afterAll(() => database?.close());

  /** An editor's reach: the organisation responsible for an indicator that has provisional values (found in beforeAll). */
  const owner: { ownerOrganizationId: string } = { ownerOrganizationId: '' };
  beforeAll(async () => {
    const [provisional] = await database.db
      .select({ organizationId: indicators.responsibleOrganizationId })
      .from(observationRevisions)
      .innerJoin(observations, eq(observations.id, observationRevisions.observationId))
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .where(and(eq(observationRevisions.status, 'PROVISIONAL'), isNotNull(indicators.responsibleOrganizationId)))
      .limit(1);
    owner.ownerOrganizationId = provisional!.organizationId!;
  });

  /** The readers by name (the editor's organisation is known only once the seed is read). */
  const readers = ['all', 'none', 'editor'] as const;
  const reachOf = (reader: (typeof readers)[number]): ProvisionalReach => (reader === 'editor' ? owner : reader);
  it.each(
    readers.flatMap((reader) =>
      [false, true].flatMap((includeSynthetic) => [null, new Date('2024-01-01T00:00:00Z')].map((asOf) => ({ reader, includeSynthetic, asOf }))),
    ),
  )(
    'equals the rule over the whole series (%j)',
    async ({ reader, includeSynthetic, asOf }) => {
      const reach = reachOf(reader);
      const db = database.db;
      const all = await db.select({ id: indicators.id, programmeId: indicators.programmeId }).from(indicators);
      const programmeIds = [...new Set(all.map((row) => row.programmeId))];
      const every = await indicatorsByProgrammeIds(db, programmeIds);
      expect(every.length).toBeGreaterThan(20);
      const loaders = createLoaders(db);
      const series = await observationsForIndicators(
        db,
        every.map((indicator) => indicator.id),
        { asOf },
        reach,
      );
      let withData = 0;
      for (const indicator of every) {
        const target = primaryTarget(await loaders.targetsByIndicator.load(indicator.id));
        const usable = series
          .filter((observation) => observation.indicatorId === indicator.id && (includeSynthetic || observation.synthetic === indicator.synthetic))
          .map((observation) => ({ ...observation, value: observation.revision.value, status: observation.revision.status }));
        const expected = assessIndicator(indicator, target, usable);
        const got = await assessWithLoaders(indicator, loaders, { includeSynthetic, asOf, reach });
        if (got.ruleCode === 'REPORTED') expect(expected.status).toBe('NO_DATA');
        else expect([got.status, got.ruleCode, got.observation?.id ?? null]).toEqual([expected.status, expected.ruleCode, expected.observation?.id ?? null]);
        if (expected.observation) withData++;
      }
      // The comparison means something: many indicators have a compared observation.
      expect(withData).toBeGreaterThan(10);
    },
    120_000,
  );

  /**
   * The series the statuses are compared with is itself checked against the tables read whole
   * and filtered here: the revisions a reader sees (PROVISIONAL ones only for `all`, or of the
   * indicators their organisation is responsible for), each superseded by the next one they see,
   * the one valid now or at `asOf`, in series order; by indicator window and by id.
   */
  it.each(readers.flatMap((reader) => [null, new Date('2024-01-01T00:00:00Z')].map((asOf) => ({ reader, asOf }))))(
    'reads the series a reader sees as computed over the rows (%j)',
    async ({ reader, asOf }) => {
      const reach = reachOf(reader);
      const db = database.db;
      const allIndicators = await db.select().from(indicators);
      const allObservations = await db.select().from(observations);
      const current = (await seriesAsComputed(db, reach, asOf)).map(({ indicatorId, periodStart, periodKind, id, revisionId, value }) => ({
        indicatorId,
        periodStart,
        periodKind,
        id,
        revisionId,
        value,
      }));
      // A window that starts mid-series: the median period start.
      const starts = allObservations.map((observation) => observation.periodStart).sort();
      const from = starts[Math.floor(starts.length / 2)]!;
      const expected = current.filter((row) => row.periodStart >= from);
      // The comparison means something: the window leaves some out, and readers differ (checked across reaches by the counts).
      expect(expected.length).toBeGreaterThan(100);
      expect(expected.length).toBeLessThan(current.length);
      const read = (rows: Awaited<ReturnType<typeof observationsForIndicators>>) =>
        rows.map((row) => ({
          indicatorId: row.indicatorId,
          periodStart: row.periodStart,
          periodKind: row.periodKind,
          id: row.id,
          revisionId: row.revision.id,
          value: row.revision.value,
        }));
      const series = await observationsForIndicators(
        db,
        allIndicators.map((indicator) => indicator.id),
        { from, asOf },
        reach,
      );
      expect(read(series)).toEqual(expected);
      if (!asOf) {
        const byId = await observationsByIds(
          db,
          allObservations.map((observation) => observation.id),
          reach,
        );
        expect(read(byId)).toEqual(current);
      }
    },
    120_000,
  );
});
