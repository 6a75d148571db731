import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time of processes from /proc (Linux), to show which process a benchmark saturates. */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may contain spaces
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Processes whose children's CPU counts as theirs (see withChildren). */
const trees = new Set<number>();

/**
 * Counts the CPU of `pid`'s children as its own from now on: its reaped children's (cutime + cstime) and its live
 * children's. PostgreSQL does its work in one forked backend per connection, which the postmaster's own time misses.
 * (Not for the runner, whose children are the measured services.)
 */
export function withChildren(pid: number | undefined): void {
  if (pid) trees.add(pid);
}

function cpuSeconds(pid: number): number | undefined {
  const own = statFields(pid);
  if (!own) return undefined;
  let ticks = Number(own[11]) + Number(own[12]); // utime stime
  if (!trees.has(pid)) return ticks / CLK_TCK;
  ticks += Number(own[13]) + Number(own[14]); // cutime cstime
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]); // ppid = pid
  }
  return ticks / CLK_TCK;
}

export type CpuUsage = Record<string, number>;

/** Starts measuring; the returned function gives each process's CPU use since then, in % of one core. */
export function cpuMeter(pids: Readonly<Record<string, number | undefined>>): () => CpuUsage {
  const started = performance.now();
  const before = new Map<string, number>();
  for (const [name, pid] of Object.entries(pids)) {
    const s = pid ? cpuSeconds(pid) : undefined;
    if (s !== undefined) before.set(name, s);
  }
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const usage: CpuUsage = {};
    for (const [name, pid] of Object.entries(pids)) {
      const b = before.get(name);
      const a = pid ? cpuSeconds(pid) : undefined;
      if (a !== undefined && b !== undefined) usage[name] = Math.round(((a - b) / seconds) * 100);
    }
    return usage;
  };
}

function machineBusySeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / CLK_TCK, total: (busy + idle + iowait) / CLK_TCK };
}

/**
 * Like cpuMeter, plus `other`: CPU used on the machine by processes not in `pids` (other people's test runs, for
 * instance), in % of one core. A high value means the measurement shared the machine and is not comparable.
 */
export function machineMeter(pids: Readonly<Record<string, number | undefined>>): () => CpuUsage {
  const ours = cpuMeter(pids);
  const started = performance.now();
  const before = machineBusySeconds();
  return () => {
    const usage = ours();
    const seconds = (performance.now() - started) / 1000;
    const after = machineBusySeconds();
    const busy = Math.round(((after.busy - before.busy) / seconds) * 100);
    const mine = Object.values(usage).reduce((a, b) => a + b, 0);
    return { ...usage, other: Math.max(0, busy - mine) };
  };
}
