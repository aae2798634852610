import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every process on the machine, from /proc (Linux). */
export function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** Resident set size of one process in kB (0 once it has gone). */
function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Proportional set size of one process in kB (0 once it has gone): its own pages, plus its share
 * of the pages it shares with others (Chromium's processes all map the same 0.2 GB binary).
 */
function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return Number(m?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU time a process has used so far (user and system), in clock ticks; null once it has gone. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** Pids of a process and all its descendants. */
function treePids(rootPid: number): number[] {
  const children = childrenByParent();
  const pids: number[] = [];
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    pids.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/** RSS of a process tree right now: its largest process and the sum over the tree, in kB. */
export function treeRss(rootPid: number): { largestKb: number; totalKb: number } {
  let largestKb = 0;
  let totalKb = 0;
  for (const pid of treePids(rootPid)) {
    const kb = rssKb(pid);
    largestKb = Math.max(largestKb, kb);
    totalKb += kb;
  }
  return { largestKb, totalKb };
}

/** Summed PSS of a process tree right now, in kB: what the tree takes from the machine, shared pages counted once. */
export function treePss(rootPid: number): number {
  return treePids(rootPid).reduce((kb, pid) => kb + pssKb(pid), 0);
}

/**
 * Samples a process tree every `everyMs` until stopped; returns the peaks in MB. RSS counts
 * shared pages once per process, so the sum over-counts what Chromium's processes share (each of
 * its eight or so processes maps the same binary): it is what `ps` users see, and the same
 * measure for the floor and for us. The summed PSS splits shared pages between their processes,
 * which is the memory the tree takes from the machine; it costs more to read, so it is sampled
 * every fourth time. The CPU time the tree used (all its processes, user and system) is far
 * less disturbed by the machine's other work than the wall time.
 */
export function sampleTree(
  rootPid: number,
  everyMs = 50,
): () => { largestMb: number; totalMb: number; pssMb: number; cpuS: number } {
  let largest = 0;
  let total = 0;
  let pss = 0;
  let n = 0;
  // The last CPU time seen of every process of the tree: what a process used after the last
  // sample before it ended (under 50 ms) is missed.
  const cpu = new Map<number, number>();
  const sample = () => {
    for (const pid of treePids(rootPid)) {
      const ticks = cpuTicks(pid);
      if (ticks !== null) cpu.set(pid, Math.max(ticks, cpu.get(pid) ?? 0));
    }
    const now = treeRss(rootPid);
    largest = Math.max(largest, now.largestKb);
    total = Math.max(total, now.totalKb);
    if (n++ % 4 === 0) pss = Math.max(pss, treePss(rootPid));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    // Clock ticks are 100 a second on Linux (USER_HZ).
    const cpuS = [...cpu.values()].reduce((a, b) => a + b, 0) / 100;
    return { largestMb: largest / 1024, totalMb: total / 1024, pssMb: pss / 1024, cpuS };
  };
}
