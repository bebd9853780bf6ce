import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../subgraphs/catalogue';
import { writeCatalogue } from '../subgraphs/catalogue/seed/records';
import { syntheticCatalogue } from '../subgraphs/catalogue/seed/synthetic';
import { experts } from '../subgraphs/experts';
import { insertSyntheticExperts } from '../subgraphs/experts/seed';
import { openDatabase, type Db } from '../subgraphs/kernel/platform/db';
import type { SubgraphDefinition } from '../subgraphs/kernel/subgraph/definition';
import { stableId } from '../subgraphs/kernel/platform/ids';
import { syntheticProvenance } from '../subgraphs/kernel/reference/provenance';
import { createRandom } from '../subgraphs/kernel/platform/random';
import { SYNTHETIC_COUNTS, syntheticId } from '../subgraphs/kernel/reference/seed-refs';
import { seedIfEmpty } from '../subgraphs/kernel/subgraph/seed';
import { programmes } from '../subgraphs/programmes';
import * as programmesSchema from '../subgraphs/programmes/db/schema';
import { insertSynthetic } from '../subgraphs/programmes/seed';
import { DEFAULT_SYNTHETIC_COUNTS, generateSynthetic } from '../subgraphs/programmes/seed/synthetic';
import { startups } from '../subgraphs/startups';
import { appendSyntheticStartups } from '../subgraphs/startups/seed';
import { SUBGRAPHS } from '../subgraphs';
import { Progress } from './progress';

/**
 * National-scale synthetic data, generated deterministically (the same rows on every machine,
 * every one marked synthetic) with the seeds' own generators, on top of the default seed.
 * Full scale (1): 100,000 startups and their projects, 20,000 experts, 10,000 datasets,
 * 500 indicators with 20 years of monthly observations (120,000), 50,000 research projects.
 */
export interface DataVolume {
  startups: number;
  experts: number;
  datasets: number;
  indicators: number;
  monthlyObservationYears: number;
  researchProjects: number;
}

export function volumeAt(scale: number): DataVolume {
  const at = (full: number, floor: number) => Math.max(floor, Math.round(full * scale));
  return {
    startups: at(100_000, SYNTHETIC_COUNTS.Startup),
    experts: at(20_000, SYNTHETIC_COUNTS.Expert),
    datasets: at(10_000, SYNTHETIC_COUNTS.Dataset),
    indicators: at(500, DEFAULT_SYNTHETIC_COUNTS.indicators),
    monthlyObservationYears: 20,
    researchProjects: at(50_000, SYNTHETIC_COUNTS.ResearchProject),
  };
}

/** Changes when the volume or the generators change, so cached data is reused only when it is the same data. */
export function dataKey(volume: DataVolume): string {
  const generators = [
    'subgraphs/startups/seed/synthetic.ts',
    'subgraphs/experts/seed/synthetic-experts.ts',
    'subgraphs/catalogue/seed/synthetic.ts',
    'subgraphs/programmes/seed/synthetic.ts',
    'bench/data.ts',
    ...SUBGRAPHS.map((subgraph) => path.relative(path.resolve(__dirname, '..'), subgraph.migrationsFolder) + '/meta/_journal.json'),
  ];
  const hash = createHash('sha256').update(JSON.stringify(volume));
  for (const file of generators) hash.update(readFileSync(path.resolve(__dirname, '..', file)));
  return hash.digest('hex').slice(0, 12);
}

/** Where each subgraph's database is: one PostgreSQL database (a schema each) or a PGlite folder each. */
export type DatabaseLocation = { url: string } | { pgliteDir: (subgraph: string) => string };

async function withDatabase<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  where: DatabaseLocation,
  work: (db: Db<TSchema>) => Promise<void>,
): Promise<void> {
  const database = await openDatabase({
    name: definition.name,
    schema: definition.schema,
    migrationsFolder: definition.migrationsFolder,
    ...('url' in where ? { url: where.url } : { dataDir: where.pgliteDir(definition.name) }),
  });
  try {
    await database.migrate();
    await seedIfEmpty(definition, database);
    await work(database.db);
  } finally {
    await database.close();
  }
}

/** One transaction per batch, so a batch is written whole or not at all and memory stays flat. */
function inTransaction<TSchema extends Record<string, unknown>>(db: Db<TSchema>, work: (tx: Db<TSchema>) => Promise<void>): Promise<void> {
  // A transaction offers the same query API as the database (the kernel's seedIfEmpty does the same).
  return db.transaction((tx) => work(tx));
}

/** The fixed day synthetic datasets count their review dates from (not today: the data must not change with the calendar). */
const CATALOGUE_ANCHOR = '2025-06-30';
const EXPERTS_PER_BATCH = 1_000;
const DATASETS_PER_BATCH = 1_000;
const RESEARCH_PROJECTS_PER_BATCH = 5_000;
const OBSERVATION_INDICATORS_PER_BATCH = 50;

/** Migrates, seeds and grows every subgraph's database to `volume`, printing progress bars. */
export async function loadVolume(volume: DataVolume, where: DatabaseLocation): Promise<void> {
  const progress = new Progress();
  const jobs = [
    withDatabase(startups, where, async (db) => {
      const bar = progress.bar('startups', volume.startups);
      bar.set(SYNTHETIC_COUNTS.Startup);
      await appendSyntheticStartups(db, volume.startups - SYNTHETIC_COUNTS.Startup, (added) => bar.set(SYNTHETIC_COUNTS.Startup + added));
      bar.done();
    }),
    withDatabase(experts, where, async (db) => {
      const bar = progress.bar('experts', volume.experts);
      for (let from = SYNTHETIC_COUNTS.Expert; from < volume.experts; from += EXPERTS_PER_BATCH) {
        const to = Math.min(volume.experts, from + EXPERTS_PER_BATCH);
        await inTransaction(db, (tx) => insertSyntheticExperts(tx, from, to));
        bar.set(to);
      }
      bar.done();
    }),
    withDatabase(catalogue, where, async (db) => {
      const bar = progress.bar('datasets', volume.datasets);
      for (let from = SYNTHETIC_COUNTS.Dataset; from < volume.datasets; from += DATASETS_PER_BATCH) {
        const to = Math.min(volume.datasets, from + DATASETS_PER_BATCH);
        await inTransaction(db, (tx) => writeCatalogue(tx, syntheticCatalogue(from, to, CATALOGUE_ANCHOR)));
        bar.set(to);
      }
      bar.done();
    }),
    withDatabase(programmes, where, async (db) => {
      const defaults = DEFAULT_SYNTHETIC_COUNTS;
      // Past every index the default seed used, as scripts/generate-programmes.ts does, so ids never collide.
      let offset = defaults.indicators + defaults.tasks + defaults.researchProjects;
      const indicators = Math.max(0, volume.indicators - defaults.indicators);
      await inTransaction(db, (tx) => insertSynthetic(tx, generateSynthetic({ indicators, tasks: 0, researchProjects: 0, offset })));
      const indicatorIndexes = [...Array.from({ length: defaults.indicators }, (_, i) => i), ...Array.from({ length: indicators }, (_, i) => offset + i)];
      offset += indicators;
      const projectsBar = progress.bar('research projects', volume.researchProjects);
      for (let made = defaults.researchProjects; made < volume.researchProjects; made += RESEARCH_PROJECTS_PER_BATCH) {
        const researchProjects = Math.min(RESEARCH_PROJECTS_PER_BATCH, volume.researchProjects - made);
        await inTransaction(db, (tx) => insertSynthetic(tx, generateSynthetic({ indicators: 0, tasks: 0, researchProjects, offset })));
        offset += researchProjects;
        projectsBar.set(made + researchProjects);
      }
      projectsBar.done();
      const months = volume.monthlyObservationYears * 12;
      const observationsBar = progress.bar('monthly observations', indicatorIndexes.length * months);
      for (let start = 0; start < indicatorIndexes.length; start += OBSERVATION_INDICATORS_PER_BATCH) {
        const batch = indicatorIndexes.slice(start, start + OBSERVATION_INDICATORS_PER_BATCH);
        await inTransaction(db, (tx) => insertMonthlySeries(tx, batch, volume.monthlyObservationYears));
        observationsBar.set((start + batch.length) * months);
      }
      observationsBar.done();
    }),
  ];
  await Promise.all(jobs);
}

const MONTHLY_PROVENANCE = syntheticProvenance('Invented monthly series for the benchmark (bench/data.ts); not from any source.');
const FIRST_MONTHLY_YEAR = 2005;
const ROWS_PER_INSERT = 1_000;

/** Monthly observations (one revision each) for the synthetic indicators `indexes`, over `years` years from 2005. */
async function insertMonthlySeries(db: Db<typeof programmesSchema>, indexes: number[], years: number): Promise<void> {
  const observations: Array<typeof programmesSchema.observations.$inferInsert> = [];
  const revisions: Array<typeof programmesSchema.observationRevisions.$inferInsert> = [];
  for (const index of indexes) {
    const indicatorId = syntheticId('Indicator', index);
    const random = createRandom(`bench-monthly:${index}`);
    let value = random.int(10, 400);
    for (let month = 0; month < years * 12; month++) {
      const year = FIRST_MONTHLY_YEAR + Math.floor(month / 12);
      const mm = String((month % 12) + 1).padStart(2, '0');
      const periodStart = `${year}-${mm}-01`;
      const periodEnd = new Date(Date.UTC(year, (month % 12) + 1, 0)).toISOString().slice(0, 10);
      const id = stableId('Observation', `bench-monthly:${index}:${periodStart}`);
      value = Math.round(value * (0.97 + random.next() * 0.07) * 100) / 100;
      observations.push({ id, indicatorId, periodKind: 'MONTH', periodStart, periodEnd, synthetic: true, provenance: MONTHLY_PROVENANCE });
      revisions.push({
        id: stableId('ObservationRevision', `bench-monthly:${index}:${periodStart}:1`),
        observationId: id,
        revision: 1,
        value,
        status: 'FINAL',
        sourceDatasetId: syntheticId('Dataset', index % SYNTHETIC_COUNTS.Dataset),
        recordedAt: new Date(Date.UTC(year, (month % 12) + 1, 15)),
        supersededAt: null,
        provenance: MONTHLY_PROVENANCE,
      });
    }
  }
  for (let i = 0; i < observations.length; i += ROWS_PER_INSERT)
    await db.insert(programmesSchema.observations).values(observations.slice(i, i + ROWS_PER_INSERT));
  for (let i = 0; i < revisions.length; i += ROWS_PER_INSERT)
    await db.insert(programmesSchema.observationRevisions).values(revisions.slice(i, i + ROWS_PER_INSERT));
}
