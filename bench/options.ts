/** `npm run bench -- [options]`: see README "Benchmarks". */
export interface BenchOptions {
  scale: number;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  rounds: number;
  pglite: boolean;
  fresh: boolean;
  only: string[] | null;
  /** Variable sets per workload in the varied mix. */
  variedCount: number;
  changeFeed: { rate: number; seconds: number; subscribers: number };
  /** The memory run (M): clients and seconds of W1-W4 mixed through our gateway. */
  memory: { clients: number; seconds: number };
  /** A tiny, quick run on PGlite that fails on any error or mismatch (the test suite runs it). */
  selfCheck: boolean;
  /** Generate and load the data (or find it cached), then stop. */
  dataOnly: boolean;
  outDir: string;
  /** `--profile DIR`: our gateways and subgraphs write V8 CPU profiles there when they stop (to see where the time goes). */
  profileDir: string | null;
}

const HELP = `npm run bench -- [--scale 1] [--seconds 10] [--warmup 3] [--concurrency 16] [--rounds 1]
  [--pglite] [--fresh] [--only W1,W2,...] [--varied 64] [--w5-rate 100] [--w5-seconds 10]
  [--w5-subscribers 100] [--memory-clients 50] [--memory-seconds 60] [--out bench/results] [--self-check] [--data-only] [--profile DIR]
Workloads: W1-W4, W6 (pages), W5 (write to subscriber), M (memory: W1-W4 mixed, many clients).
PostgreSQL: BENCH_DATABASE_URL, else a throwaway PostgreSQL 15 (port BENCH_PG_PORT or a free one).`;

export function parseOptions(argv: string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    const parsed = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number\n${HELP}`);
    return parsed;
  };
  if (argv.includes('--help')) {
    console.log(HELP);
    process.exit(0);
  }
  const selfCheck = argv.includes('--self-check');
  const only = value('only');
  return {
    scale: number('scale', selfCheck ? 0.001 : 1),
    seconds: number('seconds', selfCheck ? 1 : 10),
    warmupSeconds: number('warmup', selfCheck ? 0.5 : 3),
    concurrency: Math.round(number('concurrency', selfCheck ? 2 : 16)),
    rounds: Math.round(number('rounds', 1)),
    pglite: selfCheck || argv.includes('--pglite'),
    fresh: argv.includes('--fresh'),
    only: only ? only.split(',').map((id) => id.trim().toUpperCase()) : null,
    variedCount: Math.round(number('varied', selfCheck ? 4 : 64)),
    changeFeed: {
      rate: number('w5-rate', selfCheck ? 5 : 100),
      seconds: number('w5-seconds', selfCheck ? 1 : 10),
      subscribers: Math.round(number('w5-subscribers', selfCheck ? 2 : 100)),
    },
    memory: {
      clients: Math.round(number('memory-clients', selfCheck ? 4 : 50)),
      seconds: number('memory-seconds', selfCheck ? 1 : 60),
    },
    selfCheck,
    dataOnly: argv.includes('--data-only'),
    outDir: value('out') ?? 'bench/results',
    profileDir: value('profile') ?? null,
  };
}
