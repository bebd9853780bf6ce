import { DEFAULT_SUPERGRAPH_PATH } from '../gateway/config';
import { mintToken } from '../gateway/auth/mint';
import { startGateway } from '../gateway/server';
import { measureChangeFeed, type ChangeFeedResult } from './change-feed';
import { fetchesIn, RecordingProxy, replayPlans, type Plan } from './floor';
import type { BenchGraph } from './graph';
import { postRaw, runLoad, type LoadResult } from './load';
import type { BenchOptions } from './options';
import { statementsSoFar, type BenchPostgres } from './postgres';
import { measure, type Measured } from './proc';
import { TARGETS, type BenchReport, type TargetRun, type WorkloadRun } from './report';
import { PAGE, pagingWorkloads, readWorkloads, type GraphFacts, type Variables, type Workload } from './workloads';

/**
 * The measuring part of `npm run bench`, apart from where the graph runs (bench/run.ts starts
 * it as production does; the test suite's bench test runs it on a graph in one process):
 * reads what the workloads draw from, captures the floor's plans, compares both gateways'
 * answers, then runs every workload and mix on our gateway, Hive Gateway and the floor.
 */
const SUBGRAPH_TIMEOUT_MS = 30_000;

/** Where the graph under test answers. */
export type GraphEndpoints = Pick<BenchGraph, 'subgraphUrls' | 'oursUrl' | 'uncachedUrl' | 'hiveUrl' | 'assertionSecret' | 'auth'>;

/** Zero errors everywhere, answers of both gateways byte-equal, and every run served requests. */
export function selfCheckProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  for (const run of report.workloads) {
    for (const target of run.targets) {
      if (target.errors) problems.push(`${run.workload} ${run.mix} ${target.target}: ${target.errors} errors (${target.firstError ?? ''})`);
      if (!target.requests) problems.push(`${run.workload} ${run.mix} ${target.target}: no requests completed`);
    }
  }
  for (const check of report.comparisons)
    if (check.mismatches.length) problems.push(`${check.workload}: ${check.mismatches.length} of ${check.compared} answers differ between the gateways`);
  if (report.changeFeed && (report.changeFeed.failedWrites || report.changeFeed.delivered < report.changeFeed.expected)) {
    problems.push(
      `W5: ${report.changeFeed.failedWrites} failed writes, ${report.changeFeed.delivered}/${report.changeFeed.expected} events delivered${report.changeFeed.firstError ? ` (${report.changeFeed.firstError})` : ''}`,
    );
  }
  if (report.memory && (report.memory.errors || !report.memory.requests))
    problems.push(`memory run: ${report.memory.errors} errors, ${report.memory.requests} requests`);
  return problems;
}

// ------------------------------------------------------------------ facts the workloads draw from

async function query<T>(url: string, text: string, variables: Variables = {}, headers: Record<string, string> = {}): Promise<T> {
  const { status, text: body } = await postRaw(url, text, variables, headers);
  const parsed = JSON.parse(body) as { data?: T; errors?: unknown };
  if (status !== 200 || parsed.errors || !parsed.data) throw new Error(`Query failed (HTTP ${status}): ${body.slice(0, 500)}`);
  return parsed.data;
}

const DEEP_PAGE = 1_000;
const PAGE_SIZE = 20;

export async function readFacts(url: string): Promise<GraphFacts> {
  console.log('  reading ids and cursors the workloads draw from');
  const { programmes } = await query<{ programmes: { nodes: Array<{ id: string; code: string; indicators: { totalCount: number } }> } }>(
    url,
    '{ programmes(first: 100) { nodes { id code indicators(synthetic: null) { totalCount } } } }',
  );
  const withIndicators = programmes.nodes
    .filter((programme) => programme.indicators.totalCount)
    .sort((a, b) => b.indicators.totalCount - a.indicators.totalCount);
  const programmeIds = withIndicators.map((programme) => programme.id);
  const indicatorPageCursors: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const data: { indicators: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await query(
      url,
      'query ($ids: [ID!], $after: String) { indicators(first: 20, after: $after, filter: { programmeIds: $ids }) { pageInfo { hasNextPage endCursor } } }',
      { ids: [programmeIds[0]], after },
    );
    if (!data.indicators.pageInfo.hasNextPage || !data.indicators.pageInfo.endCursor) break;
    after = data.indicators.pageInfo.endCursor;
    indicatorPageCursors.push(after);
  }
  const { hubs, expertiseAreas } = await query<{ hubs: { nodes: Array<{ id: string }> }; expertiseAreas: { nodes: Array<{ code: string }> } }>(
    url,
    '{ hubs(first: 100) { nodes { id } } expertiseAreas(first: 100) { nodes { code } } }',
  );
  // The cursor before page 1,000 (or the last full page): walk the list 100 at a time.
  const { startups } = await query<{ startups: { totalCount: number } }>(url, '{ startups { totalCount } }');
  const page = Math.max(1, Math.min(DEEP_PAGE, Math.floor(startups.totalCount / PAGE_SIZE)));
  let skipped = 0;
  let cursor: string | null = null;
  while (skipped < (page - 1) * PAGE_SIZE) {
    const first = Math.min(100, (page - 1) * PAGE_SIZE - skipped);
    const data: { startups: { pageInfo: { endCursor: string | null } } } = await query(
      url,
      'query ($first: Int!, $after: String) { startups(first: $first, after: $after) { pageInfo { endCursor } } }',
      { first, after: cursor },
    );
    cursor = data.startups.pageInfo.endCursor;
    skipped += first;
  }
  return {
    programmeIds,
    indicatorPageCursors,
    hubIds: hubs.nodes.map((hub) => hub.id),
    areaCodes: expertiseAreas.nodes.map((area) => area.code),
    deepPage: { page, after: cursor },
  };
}

// ------------------------------------------------------------------ the runs

export async function runWorkloads(
  options: BenchOptions,
  graph: GraphEndpoints,
  database: BenchPostgres | null,
  processes: Measured[],
  facts: GraphFacts,
  port: () => Promise<number>,
): Promise<BenchReport> {
  const wanted = (id: string) => !options.only || options.only.some((only) => id === only || id.startsWith(only));
  const workloads = [...readWorkloads(facts), ...pagingWorkloads(facts)].filter((workload) => wanted(workload.id));
  const report: BenchReport = { meta: undefined, workloads: [], comparisons: [], pageSizes: [], changeFeed: null, peakRssMiB: {}, memory: null };

  // The floor's plans: our gateway's subgraph fetches per operation, captured through a recording proxy.
  const proxy = await RecordingProxy.start(graph.subgraphUrls);
  const capture = await startGateway({
    port: await port(),
    host: '127.0.0.1',
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: proxy.urls,
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
    assertionSecret: graph.assertionSecret,
    auth: { keys: { secret: graph.auth.secret }, issuer: graph.auth.issuer, audience: graph.auth.audience, clockSkewSeconds: 30 },
    rateLimit: { perMinute: 0 },
    production: true,
  });
  const plans = new Map<string, { hot: Plan; varied: Plan[] }>();
  try {
    for (const workload of workloads) {
      console.log(`  capturing ${workload.id}'s subgraph fetches`);
      const planOf = async (variables: Variables) => proxy.capture(async () => void (await query(capture.url, workload.query, variables)));
      const varied: Plan[] = [];
      for (const variables of variedOf(workload, options)) varied.push(await planOf(variables));
      plans.set(workload.id, { hot: await planOf(workload.hot), varied });
    }
  } finally {
    await capture.stop();
    await proxy.stop();
  }

  // Both gateways must give the same bytes for the same request.
  console.log("  comparing both gateways' answers");
  for (const workload of workloads) {
    const sample = [workload.hot, ...variedOf(workload, options).slice(0, 16)];
    const mismatches: string[] = [];
    for (const variables of sample) {
      const [ours, hive] = await Promise.all([postRaw(graph.oursUrl, workload.query, variables), postRaw(graph.hiveUrl, workload.query, variables)]);
      const difference = firstDifference(ours.text, hive.text);
      if (ours.status !== hive.status || difference)
        mismatches.push(`${JSON.stringify(variables)}: HTTP ${ours.status} vs ${hive.status}; ${difference ?? 'same body'}`);
    }
    report.comparisons.push({ workload: workload.id, compared: sample.length, mismatches });
  }

  const mixes = ['hot', 'varied'] as const;
  let turn = 0;
  for (const workload of workloads) {
    for (const mix of workload.id.startsWith('W6') ? (['hot'] as const) : mixes) {
      const variables = mix === 'hot' ? [workload.hot] : variedOf(workload, options);
      const workloadPlans = mix === 'hot' ? [plans.get(workload.id)!.hot] : plans.get(workload.id)!.varied;
      // The self-check counts requests, not seconds: on a busy machine a second may end before a slow answer.
      const counted = options.selfCheck ? { requests: options.concurrency * 3 } : {};
      const targets = {
        ours: (seconds: number) => runLoad({ url: graph.oursUrl, query: workload.query, variables, concurrency: options.concurrency, seconds, ...counted }),
        uncached: (seconds: number) =>
          runLoad({ url: graph.uncachedUrl, query: workload.query, variables, concurrency: options.concurrency, seconds, ...counted }),
        hive: (seconds: number) => runLoad({ url: graph.hiveUrl, query: workload.query, variables, concurrency: options.concurrency, seconds, ...counted }),
        floor: async (seconds: number): Promise<LoadResult> => {
          const result = await replayPlans(workloadPlans, graph.subgraphUrls, graph.assertionSecret, options.concurrency, seconds);
          return { ...result, requestsPerSecond: Math.round((result.requests / result.seconds) * 10) / 10 };
        },
      };
      const rounds: Record<TargetRun['target'], TargetRun[]> = { ours: [], uncached: [], hive: [], floor: [] };
      for (let round = 0; round < options.rounds; round++) {
        // Alternate who goes first, so neither side always meets a warmer or cooler machine.
        const order = TARGETS.map((_, i, all) => all[(i + turn) % all.length]!);
        turn++;
        for (const target of order) {
          console.log(`  ${workload.id} ${mix} ${target}: warm-up and run`);
          await targets[target](options.warmupSeconds);
          const statementsBefore = database?.statements ? await statementsSoFar(database.url) : null;
          const measured = await measure(processes, () => targets[target](options.seconds));
          const statements = statementsBefore !== null ? (await statementsSoFar(database!.url)) - statementsBefore : null;
          const result = measured.result;
          rounds[target].push({
            target,
            ...result,
            sqlPerRequest: statements !== null && result.requests ? round1(statements / result.requests) : null,
            cpuMsPerRequest: Object.fromEntries(
              Object.entries(measured.cpuMs).map(([name, ms]) => [name, result.requests ? round2(ms / result.requests) : null]),
            ),
            peakRssMiB: measured.peakRssMiB,
          });
          console.log(
            `  ${workload.id} ${mix.padEnd(6)} ${target.padEnd(8)} ${result.requestsPerSecond} req/s, p95 ${result.p95} ms, ${result.errors} errors${result.firstError ? ` (${result.firstError.slice(0, 200)})` : ''}`,
          );
        }
      }
      const run: WorkloadRun = {
        workload: workload.id,
        title: workload.title,
        mix,
        subgraphFetches: averageFetches(workloadPlans),
        targets: Object.values(rounds).map(combineRounds),
      };
      report.workloads.push(run);
    }
  }

  if (wanted('M')) report.memory = await memoryRun(options, graph, processes, readWorkloads(facts));
  if (wanted('W6')) report.pageSizes = await sqlByPageSize(graph, database);
  if (wanted('W5')) report.changeFeed = await changeFeed(options, graph, facts, processes);
  return report;
}

/** Many clients sending W1-W4's varied requests in turn through our gateway, to see each process's memory under load. */
async function memoryRun(options: BenchOptions, graph: GraphEndpoints, processes: Measured[], workloads: Workload[]): Promise<BenchReport['memory']> {
  const operations = workloads.flatMap((workload) => variedOf(workload, options).map((variables) => ({ query: workload.query, variables })));
  console.log(`  memory: ${options.memory.clients} clients for ${options.memory.seconds} s, W1-W4 mixed, our gateway`);
  const counted = options.selfCheck ? { requests: options.memory.clients * 3 } : {};
  const measured = await measure(processes, () =>
    runLoad({ url: graph.oursUrl, query: '', variables: [], operations, concurrency: options.memory.clients, seconds: options.memory.seconds, ...counted }),
  );
  const { requests, errors } = measured.result;
  return { clients: options.memory.clients, seconds: options.memory.seconds, requests, errors, peakRssMiB: measured.peakRssMiB };
}

/** Where two answers first differ, with a little context, or null when they are the same bytes (but for a final newline). */
function firstDifference(oursText: string, hiveText: string): string | null {
  // Our gateway (Apollo Server) ends a JSON body with a newline, Hive Gateway does not: layout, not content.
  const ours = oursText.replace(/\n$/, '');
  const hive = hiveText.replace(/\n$/, '');
  if (ours === hive) return null;
  let at = 0;
  while (at < ours.length && ours[at] === hive[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
  return `byte ${at} of ${ours.length} (ours) / ${hive.length} (Hive): ours …${around(ours)}… Hive …${around(hive)}…`;
}

function variedOf(workload: Workload, options: BenchOptions): Variables[] {
  return workload.varied(options.variedCount);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const averageFetches = (plans: Plan[]) => round1(plans.reduce((sum, plan) => sum + fetchesIn(plan), 0) / Math.max(1, plans.length));

/** Several rounds of one target as one: throughput over all of them, the mean of each percentile. */
function combineRounds(runs: TargetRun[]): TargetRun {
  if (runs.length === 1) return runs[0]!;
  const mean = (pick: (run: TargetRun) => number) => round1(runs.reduce((sum, run) => sum + pick(run), 0) / runs.length);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  return {
    ...runs[0]!,
    requests,
    seconds,
    requestsPerSecond: round1(requests / seconds),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    p50: mean((run) => run.p50),
    p95: mean((run) => run.p95),
    p99: mean((run) => run.p99),
    sqlPerRequest: runs[0]!.sqlPerRequest === null ? null : mean((run) => run.sqlPerRequest ?? 0),
    cpuMsPerRequest: Object.fromEntries(
      Object.keys(runs[0]!.cpuMsPerRequest).map((name) => [name, round2(runs.reduce((sum, run) => sum + (run.cpuMsPerRequest[name] ?? 0), 0) / runs.length)]),
    ),
    peakRssMiB: Object.fromEntries(Object.keys(runs[0]!.peakRssMiB).map((name) => [name, Math.max(...runs.map((run) => run.peakRssMiB[name] ?? 0))])),
  };
}

/** SQL statements per request of one list page as the page grows from 10 to 100 (serial requests through our gateway). */
async function sqlByPageSize(graph: GraphEndpoints, database: BenchPostgres | null): Promise<BenchReport['pageSizes']> {
  const rows: BenchReport['pageSizes'] = [];
  const requests = 10;
  for (const first of [10, 25, 50, 100]) {
    const before = database?.statements ? await statementsSoFar(database.url) : null;
    for (let n = 0; n < requests; n++) await query(graph.oursUrl, PAGE, { first, after: null });
    const after = before !== null ? await statementsSoFar(database!.url) : null;
    rows.push({ pageSize: first, sqlPerRequest: before !== null ? round1((after! - before) / requests) : null });
  }
  return rows;
}

/**
 * W5, with the CPU each process spent per write over the whole run (subscribers joining and
 * the last events arriving included; the bench's own process is the writer and the 100
 * subscribers): what tells whether the machine can keep up with the write rate at all.
 */
async function changeFeed(options: BenchOptions, graph: GraphEndpoints, facts: GraphFacts, processes: Measured[]): Promise<ChangeFeedResult> {
  const token = await mintToken({
    secret: graph.auth.secret,
    issuer: graph.auth.issuer,
    audience: graph.auth.audience,
    role: 'admin',
    sub: 'bench',
    ttlSeconds: 3_600,
  });
  const { indicators } = await query<{ indicators: { nodes: Array<{ id: string }> } }>(
    graph.oursUrl,
    'query ($ids: [ID!]) { indicators(first: 100, filter: { programmeIds: $ids }) { nodes { id } } }',
    { ids: [facts.programmeIds[0]] },
  );
  console.log(`  W5 ${options.changeFeed.rate} writes/s for ${options.changeFeed.seconds} s, ${options.changeFeed.subscribers} subscribers`);
  const benchCpuBefore = process.cpuUsage();
  const measured = await measure(processes, () =>
    measureChangeFeed({
      gatewayUrl: graph.oursUrl,
      writerHeaders: { authorization: `Bearer ${token}` },
      indicatorIds: indicators.nodes.map((node) => node.id),
      ...options.changeFeed,
    }),
  );
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const feed = measured.result;
  const cpuMs = { ...measured.cpuMs, 'bench (writer and subscribers)': (benchCpu.user + benchCpu.system) / 1_000 };
  return {
    ...feed,
    cpuMsPerWrite: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, feed.writes ? round2(ms / feed.writes) : null])),
  };
}
