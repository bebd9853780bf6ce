import { readdirSync, readFileSync } from 'node:fs';

/**
 * What each process of the graph costs, read from /proc: CPU time (utime + stime of
 * /proc/<pid>/stat, in clock ticks of 10 ms) and resident memory (VmRSS, sampled; VmHWM).
 * PostgreSQL counts as one process: its postmaster and every backend under it.
 */
const TICK_MS = 10;

export interface Measured {
  name: string;
  /** The process, or PostgreSQL's postmaster (its children are added). */
  pid: number;
  group?: boolean;
}

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after it.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (+ children's, already reaped) of one pid in ms; fields after ')' start at index 3 of stat. */
function ownCpuMs(pid: number, withReaped: boolean): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  const ticks = Number(fields[11]) + Number(fields[12]) + (withReaped ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks * TICK_MS;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

export function cpuMs(target: Measured): number {
  if (!target.group) return ownCpuMs(target.pid, false);
  return ownCpuMs(target.pid, true) + childrenOf(target.pid).reduce((sum, child) => sum + ownCpuMs(child, false), 0);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory now, in MiB (a group: the sum over its processes; shared buffers count once per backend that touched them). */
export function rssMiB(target: Measured): number {
  const pids = target.group ? [target.pid, ...childrenOf(target.pid)] : [target.pid];
  return pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024;
}

/** The highest resident memory the process has had since it started, in MiB. */
export function peakRssMiB(target: Measured): number {
  return statusKb(target.pid, 'VmHWM') / 1024;
}

/** CPU used and peak RSS of each process while `work` runs (RSS sampled every 200 ms). */
export async function measure<T>(
  targets: Measured[],
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number>; peakRssMiB: Record<string, number> }> {
  const before = targets.map(cpuMs);
  const peaks = targets.map(rssMiB);
  const timer = setInterval(() => targets.forEach((target, i) => (peaks[i] = Math.max(peaks[i]!, rssMiB(target)))), 200);
  try {
    const result = await work();
    const after = targets.map(cpuMs);
    targets.forEach((target, i) => (peaks[i] = Math.max(peaks[i]!, rssMiB(target))));
    return {
      result,
      cpuMs: Object.fromEntries(targets.map((target, i) => [target.name, after[i]! - before[i]!])),
      peakRssMiB: Object.fromEntries(targets.map((target, i) => [target.name, Math.round(peaks[i]!)])),
    };
  } finally {
    clearInterval(timer);
  }
}
