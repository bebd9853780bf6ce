import type { ChangeFeedResult } from './change-feed';
import type { DataVolume } from './data';
import type { LoadResult } from './load';

/**
 * Who is measured: our gateway as configured by default (response cache on); the same gateway
 * with its response cache off (the engine alone, in-flight deduplication still on); Hive
 * Gateway's default; and the floor (the same subgraph fetches sent straight to the subgraphs).
 */
export const TARGETS = ['ours', 'uncached', 'hive', 'floor'] as const;

/** What one run of `npm run bench` found, as written to bench/results/*.json. */
export interface TargetRun extends LoadResult {
  target: (typeof TARGETS)[number];
  /** PostgreSQL statements per request (pg_stat_statements); null on PGlite. */
  sqlPerRequest: number | null;
  /** CPU ms per request of each process of the graph. */
  cpuMsPerRequest: Record<string, number | null>;
  peakRssMiB: Record<string, number>;
}

export interface WorkloadRun {
  workload: string;
  title: string;
  mix: 'hot' | 'varied';
  /** Subgraph fetches our gateway makes per request (mean over the mix's variable sets). */
  subgraphFetches: number;
  targets: TargetRun[];
}

export interface BenchReport {
  meta?: {
    startedAt: string;
    finishedAt: string;
    machine: string;
    /** CPU cores of the machine (every process of the run shares them). */
    cores?: number;
    database: string;
    scale: number;
    volume: DataVolume;
    concurrency: number;
    seconds: number;
    warmupSeconds: number;
    rounds: number;
    deepPage: number;
  };
  workloads: WorkloadRun[];
  /** Answers of both gateways compared byte for byte on a sample of each workload's requests. */
  comparisons: Array<{ workload: string; compared: number; mismatches: string[] }>;
  pageSizes: Array<{ pageSize: number; sqlPerRequest: number | null }>;
  changeFeed: ChangeFeedResult | null;
  /** Highest resident memory of each process over the whole run (VmHWM; PostgreSQL: its postmaster). */
  peakRssMiB: Record<string, number>;
  /** The memory run: W1-W4's varied requests mixed, many clients, through our gateway; peak RSS of each process during it. */
  memory: { clients: number; seconds: number; requests: number; errors: number; peakRssMiB: Record<string, number> } | null;
}

/** The memory target of the issue: every process under this resident size through the mixed run. */
export const MEMORY_LIMIT_MIB = 300;

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
const show = (value: number | null | undefined) => (value === null || value === undefined || Number.isNaN(value) ? '–' : String(value));

export function renderMarkdown(report: BenchReport): string {
  const meta = report.meta;
  const lines: string[] = [];
  if (meta) {
    lines.push(
      `Run ${meta.startedAt} on ${meta.machine}; ${meta.database}; scale ${meta.scale} (${meta.volume.startups.toLocaleString('en')} startups, ${meta.volume.experts.toLocaleString('en')} experts, ${meta.volume.datasets.toLocaleString('en')} datasets, ${meta.volume.indicators} indicators × ${meta.volume.monthlyObservationYears * 12} months, ${meta.volume.researchProjects.toLocaleString('en')} research projects); ${meta.concurrency} clients, ${meta.seconds} s per run after ${meta.warmupSeconds} s warm-up, ${meta.rounds} round(s), alternated.`,
      '',
    );
  }
  lines.push(
    '| workload | mix | fetches | ours req/s | ours, no cache req/s | Hive req/s | floor req/s | ours/Hive | no cache/Hive | no cache/floor | p50 / p95 / p99 ms: ours | no cache | Hive | floor | p95 no cache/floor | errors (ours, no cache, Hive, floor) | SQL/req (ours, no cache, Hive, floor) |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const run of report.workloads) {
    const [ours, uncached, hive, floor] = TARGETS.map((target) => run.targets.find((t) => t.target === target)!);
    const all = [ours!, uncached!, hive!, floor!];
    const latency = (t: TargetRun) => `${t.p50} / ${t.p95} / ${t.p99}`;
    lines.push(
      `| ${run.workload} ${run.title} | ${run.mix} | ${run.subgraphFetches} | ${all.map((t) => t.requestsPerSecond).join(' | ')} | ${ratio(ours!.requestsPerSecond, hive!.requestsPerSecond)} | ${ratio(uncached!.requestsPerSecond, hive!.requestsPerSecond)} | ${ratio(uncached!.requestsPerSecond, floor!.requestsPerSecond)} | ${all.map(latency).join(' | ')} | ${ratio(uncached!.p95, floor!.p95)} | ${all.map((t) => t.errors).join(', ')} | ${all.map((t) => show(t.sqlPerRequest)).join(', ')} |`,
    );
  }
  const processes = [...new Set(report.workloads.flatMap((run) => run.targets.flatMap((t) => Object.keys(t.cpuMsPerRequest))))];
  if (processes.length) {
    lines.push('', 'CPU ms per request of each process (ours | ours, no cache | Hive | floor):', '');
    lines.push(`| workload | mix | ${processes.join(' | ')} |`);
    lines.push(`|---|---|${processes.map(() => '---').join('|')}|`);
    for (const run of report.workloads) {
      const cell = (name: string) => run.targets.map((t) => show(t.cpuMsPerRequest[name])).join(' \\| ');
      lines.push(`| ${run.workload} | ${run.mix} | ${processes.map(cell).join(' | ')} |`);
    }
  }
  if (Object.keys(report.peakRssMiB).length) {
    lines.push(
      '',
      `Peak RSS over the run (MiB): ${Object.entries(report.peakRssMiB)
        .map(([name, mib]) => `${name} ${mib}`)
        .join(', ')}.`,
    );
  }
  if (report.memory) {
    const memory = report.memory;
    const over = Object.entries(memory.peakRssMiB).filter(([name, mib]) => !name.includes('Hive') && !name.includes('postgresql') && mib >= MEMORY_LIMIT_MIB);
    lines.push(
      '',
      `Memory run, ${memory.clients} clients for ${memory.seconds} s, W1–W4 varied requests mixed, through our gateway: ${memory.requests} requests, ${memory.errors} errors; peak RSS (MiB): ${Object.entries(
        memory.peakRssMiB,
      )
        .map(([name, mib]) => `${name} ${mib}`)
        .join(
          ', ',
        )}. ${over.length ? `Over ${MEMORY_LIMIT_MIB} MiB: ${over.map(([name]) => name).join(', ')}.` : `Every process of ours under ${MEMORY_LIMIT_MIB} MiB.`}`,
    );
  }
  if (report.pageSizes.length) {
    lines.push(
      '',
      `SQL statements per request by page size (W6 list, our gateway): ${report.pageSizes.map((row) => `${row.pageSize} → ${show(row.sqlPerRequest)}`).join(', ')}.`,
    );
  }
  if (report.changeFeed) {
    const feed = report.changeFeed;
    lines.push(
      '',
      `W5 write → event at subscriber: ${feed.writes} writes at ${feed.writesPerSecond}/s (${feed.failedWrites} failed), ${feed.subscribers} subscribers, ${feed.delivered}/${feed.expected} deliveries; latency p50 ${feed.p50} ms, p95 ${feed.p95} ms, p99 ${feed.p99} ms, max ${feed.max} ms.`,
    );
    if (feed.cpuMsPerWrite) lines.push('', cpuPerWriteLine(feed.cpuMsPerWrite, feed.writesPerSecond, report.meta?.cores ?? null));
  }
  const mismatched = report.comparisons.filter((check) => check.mismatches.length);
  lines.push(
    '',
    mismatched.length
      ? `Answers compared byte for byte: mismatches in ${mismatched.map((check) => `${check.workload} (${check.mismatches.length}/${check.compared})`).join(', ')}:\n${mismatched.flatMap((check) => check.mismatches.slice(0, 2).map((m) => `- ${m}`)).join('\n')}`
      : `Answers of both gateways byte-equal on every sampled request (${report.comparisons.reduce((sum, check) => sum + check.compared, 0)} compared).`,
  );
  return lines.join('\n') + '\n';
}

/**
 * W5's CPU per write by process, their sum, and what the machine has per write at the rate
 * reached: when the sum comes near it, events queue behind writes and latency grows.
 */
function cpuPerWriteLine(perWrite: Record<string, number | null>, writesPerSecond: number, cores: number | null): string {
  const spent = Object.entries(perWrite).filter((entry): entry is [string, number] => entry[1] !== null && entry[1] >= 0.05);
  const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
  const budget =
    cores && writesPerSecond ? ` of the ${Math.round((cores * 1_000) / writesPerSecond)} ms ${cores} cores have per write at ${writesPerSecond} writes/s` : '';
  return `W5 CPU per write (ms): ${spent
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ')}; ${Math.round(total * 10) / 10} ms in all${budget}.`;
}
