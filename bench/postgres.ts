import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

/**
 * The benchmark's PostgreSQL: the server at `BENCH_DATABASE_URL`, or a throwaway PostgreSQL 15
 * started like CI's (`.ci/run`: /usr/lib/postgresql/15/bin, as the postgres user, fsync off)
 * with pg_stat_statements loaded, its data folder kept between runs as the data cache.
 */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface BenchPostgres {
  url: string;
  /** The postmaster's pid when the bench started the server (its backends are measured as one process group). */
  pid: number | null;
  /** Whether pg_stat_statements answers, so SQL statements per request can be counted. */
  statements: boolean;
  stop(): Promise<void>;
}

const asPostgres = (args: string[]): string[] => (userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args);

function run(args: string[]): string {
  const [command, ...rest] = asPostgres(args);
  return execFileSync(command!, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts PostgreSQL 15 on `dataDir` (created with initdb when it holds no cluster yet). */
export async function startThrowawayPostgres(dataDir: string, port: number): Promise<BenchPostgres> {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}); install it (apt-get install postgresql-15), set BENCH_DATABASE_URL, or run with --pglite`);
  }
  mkdirSync(dataDir, { recursive: true });
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dataDir, uid, gid);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    run([path.join(PG_BIN, 'initdb'), '-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const options = [
    `-p ${port}`,
    '-k /tmp',
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=300',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_preload_libraries=pg_stat_statements',
    '-c pg_stat_statements.track=all',
    '-c shared_buffers=256MB',
  ].join(' ');
  run([path.join(PG_BIN, 'pg_ctl'), '-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', 'start']);
  const pid = Number(run(['head', '-1', path.join(dataDir, 'postmaster.pid')]).trim());
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const statements = await enableStatementCounting(url);
  return {
    url,
    pid,
    statements,
    async stop() {
      spawnSync(...splitCommand(asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', dataDir, '-m', 'fast', '-w', 'stop'])), { stdio: 'ignore' });
    },
  };
}

const splitCommand = (args: string[]): [string, string[]] => [args[0]!, args.slice(1)];

/** A server someone else runs: used as it is; statements are counted only if pg_stat_statements is loaded there. */
export async function externalPostgres(url: string): Promise<BenchPostgres> {
  return { url, pid: null, statements: await enableStatementCounting(url), async stop() {} };
}

async function enableStatementCounting(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`create extension if not exists pg_stat_statements`;
    await sql`select pg_stat_statements_reset()`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Statements the graph's processes have run so far (pg_stat_statements calls, without the
 * bench's own queries and PostgreSQL's utility statements such as BEGIN/COMMIT).
 */
export async function statementsSoFar(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<Array<{ calls: string | null }>>`
      select sum(calls)::text as calls from pg_stat_statements
      where query !~* '^\\s*(begin|commit|rollback|set|show|select pg_stat_statements|select sum\\(calls\\))'
        and query not like '%pg_stat_statements%'`;
    return Number(row?.calls ?? 0);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Marks a data folder complete, so the next run with the same data key reuses it. */
export function markLoaded(dataDir: string, description: object): void {
  writeFileSync(path.join(dataDir, 'bench-loaded.json'), JSON.stringify(description, null, 2));
}

export const isLoaded = (dataDir: string): boolean => existsSync(path.join(dataDir, 'bench-loaded.json'));

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Whether the database already holds the data of `key` (a table `public.sti_bench_data` says so).
 * Otherwise the graph's schemas are dropped first; on a server the bench did not start, only with --fresh.
 */
export async function dataLoaded(url: string, key: string, fresh: boolean, external: boolean): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    // Once, before the subgraphs migrate side by side: each migration creates pg_trgm if missing, and two at once collide.
    await sql`create extension if not exists pg_trgm`;
    await sql`create table if not exists public.sti_bench_data (key text primary key, loaded_at timestamptz not null default now())`;
    const rows = await sql`select key from public.sti_bench_data`;
    if (!fresh && rows.some((row) => row.key === key)) return true;
    const [schemas] =
      await sql`select count(*)::int as n from information_schema.schemata where schema_name in ('programmes','startups','experts','catalogue','integrations')`;
    if (schemas!.n > 0) {
      if (external && !fresh)
        throw new Error("BENCH_DATABASE_URL holds other data: give an empty database, or --fresh to drop the graph's schemas there and load again");
      await sql.unsafe('drop schema if exists programmes, startups, experts, catalogue, integrations, drizzle cascade; truncate public.sti_bench_data');
    }
    return false;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function recordLoaded(url: string, key: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`insert into public.sti_bench_data (key) values (${key}) on conflict do nothing`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
