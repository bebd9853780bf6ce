import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { freePort } from '../subgraphs/kernel/testing/process';
import { dataKey, loadVolume, volumeAt, type DatabaseLocation, type DataVolume } from './data';
import { startBenchGraph, type BenchGraph } from './graph';
import { readFacts, runWorkloads, selfCheckProblems } from './harness';
import { parseOptions, type BenchOptions } from './options';
import { dataLoaded, externalPostgres, isLoaded, markLoaded, recordLoaded, startThrowawayPostgres, type BenchPostgres } from './postgres';
import { peakRssMiB, type Measured } from './proc';
import { renderMarkdown } from './report';

/**
 * `npm run bench`: loads national-scale synthetic data, starts the graph as production runs it,
 * and measures each workload through our gateway, Hive Gateway and straight at the subgraphs
 * (the floor), alternated in one run. Writes bench/results/<time>.json and .md (and latest.*).
 */
const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'bench', '.cache');

/** The data, generated and loaded or found cached; the throwaway PostgreSQL is stopped again if that fails. */
async function prepareData(options: BenchOptions, volume: DataVolume, key: string): Promise<{ database: BenchPostgres | null; where: DatabaseLocation }> {
  if (options.pglite) {
    const dir = path.join(CACHE, `pglite-${key}`);
    const where = { pgliteDir: (name: string) => path.join(dir, name) };
    if (options.fresh || !isLoaded(dir)) {
      rmSync(dir, { recursive: true, force: true });
      console.log(`Generating data into PGlite at ${dir}`);
      await loadVolume(volume, where);
      markLoaded(dir, { key, volume });
    } else console.log(`Reusing the data cached at ${dir}`);
    return { database: null, where };
  }
  const external = process.env.BENCH_DATABASE_URL;
  const dir = path.join(CACHE, `pg-${key}`);
  if (!external && options.fresh) rmSync(dir, { recursive: true, force: true });
  const database = external
    ? await externalPostgres(external)
    : await startThrowawayPostgres(dir, process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : await freePort());
  try {
    if (!(await dataLoaded(database.url, key, options.fresh, Boolean(external)))) {
      console.log(`Generating data into PostgreSQL (${external ? 'BENCH_DATABASE_URL' : dir})`);
      await loadVolume(volume, { url: database.url });
      await recordLoaded(database.url, key);
      if (!external) markLoaded(dir, { key, volume });
    } else console.log('Reusing the data already loaded');
    return { database, where: { url: database.url } };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/** What to stop when the run ends or is interrupted (Ctrl-C): the graph's processes, the throwaway PostgreSQL. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const volume = volumeAt(options.scale);
  const key = dataKey(volume);
  const portBase = process.env.BENCH_PORT_BASE ? Number(process.env.BENCH_PORT_BASE) : null;
  let nextPort = portBase ?? 0;
  const port = async () => (portBase === null ? freePort() : nextPort++);
  console.log(
    `sti-graph bench: scale ${options.scale} (${JSON.stringify(volume)}), ${options.concurrency} clients, ${options.seconds} s a run after ${options.warmupSeconds} s warm-up`,
  );

  const workDir = path.join(CACHE, `run-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const { database, where } = await prepareData(options, volume, key);
  if (database) cleanups.push(() => database.stop());

  let graph: BenchGraph | null = null;
  try {
    if (options.dataOnly) return;
    console.log('Starting the graph: a process per subgraph, our gateway, Hive Gateway');
    const graphStarted = Date.now();
    graph = await startBenchGraph(where, port, workDir, options.profileDir);
    cleanups.push(graph.stop);
    console.log(`  up in ${Math.round((Date.now() - graphStarted) / 1000)} s`);
    const processes: Measured[] = [...graph.processes, ...(database?.pid ? [{ name: 'postgresql', pid: database.pid, group: true }] : [])];
    const facts = await readFacts(graph.oursUrl);
    const report = await runWorkloads(options, graph, database, processes, facts, port);
    report.meta = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`,
      cores: cpus().length,
      database: options.pglite
        ? 'PGlite (a folder per subgraph)'
        : process.env.BENCH_DATABASE_URL
          ? 'PostgreSQL at BENCH_DATABASE_URL'
          : 'PostgreSQL 15, throwaway (fsync off)',
      scale: options.scale,
      volume,
      concurrency: options.concurrency,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      rounds: options.rounds,
      deepPage: facts.deepPage.page,
    };
    report.peakRssMiB = Object.fromEntries(processes.map((process) => [process.name, Math.round(peakRssMiB(process))]));
    const outDir = path.resolve(ROOT, options.outDir);
    mkdirSync(outDir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const markdown = renderMarkdown(report);
    for (const name of [stamp, 'latest']) {
      writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(report, null, 2) + '\n');
      writeFileSync(path.join(outDir, `${name}.md`), markdown);
    }
    console.log(`\n${markdown}\nWritten to ${path.relative(ROOT, outDir)}/${stamp}.{json,md}`);
    const problems = selfCheckProblems(report);
    if (problems.length) {
      console.error(`\nThe bench found problems:\n- ${problems.join('\n- ')}`);
      process.exitCode = 1;
    }
  } finally {
    await cleanUp();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
