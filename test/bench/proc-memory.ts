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

/** RSS of a process tree right now: its largest process and the sum over the tree, in kB. */
export function treeRss(rootPid: number): { largestKb: number; totalKb: number } {
  const children = childrenByParent();
  let largestKb = 0;
  let totalKb = 0;
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    const kb = rssKb(pid);
    largestKb = Math.max(largestKb, kb);
    totalKb += kb;
    todo.push(...(children.get(pid) ?? []));
  }
  return { largestKb, totalKb };
}

/**
 * Samples a process tree every `everyMs` until stopped; returns the peaks in MB. RSS counts
 * shared pages once per process, so the sum over-counts what Chromium's processes share: it is
 * what `ps` users see, and the same measure for the floor and for us.
 */
export function sampleTree(rootPid: number, everyMs = 50): () => { largestMb: number; totalMb: number } {
  let largest = 0;
  let total = 0;
  const sample = () => {
    const now = treeRss(rootPid);
    largest = Math.max(largest, now.largestKb);
    total = Math.max(total, now.totalKb);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    return { largestMb: largest / 1024, totalMb: total / 1024 };
  };
}
