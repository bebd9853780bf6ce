import type { DatabaseHandle } from '../../kernel/platform/db';
import { openTestDatabase } from '../../kernel/testing/database';
import type * as schema from '../db/schema';
import { programmes } from '../index';
import { createLoaders } from '../loaders';
import { assessWithLoaders } from '../assessment';
import { assessIndicator, primaryTarget } from '../rules/indicator-status';
import { indicatorsByProgrammeIds } from '../store/indicators';
import { observationsForIndicators } from '../store/observations';
import type { ProvisionalReach } from '../store/visibility';
import { indicators } from '../db/schema';

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

  const reaches: ProvisionalReach[] = ['all', 'none'];
  it.each(
    reaches.flatMap((reach) =>
      [false, true].flatMap((includeSynthetic) => [null, new Date('2024-01-01T00:00:00Z')].map((asOf) => ({ reach, includeSynthetic, asOf }))),
    ),
  )(
    'equals the rule over the whole series (reach %j)',
    async ({ reach, includeSynthetic, asOf }) => {
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
});
