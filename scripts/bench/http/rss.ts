// Resident memory of a process and its children (next start forks its server), from /proc: the
// benchmark samples it while the load runs and once after. Linux only; elsewhere it reads 0.
import { readdirSync, readFileSync } from "node:fs";

const PAGE_KB = 4;

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return byParent;
  }
  for (const entry of entries) {
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  return byParent;
}

/** Total resident set of `pid` and its descendants, in MB. */
export function treeRssMb(pid: number): number {
  const byParent = children();
  let pages = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      pages += Number(readFileSync(`/proc/${p}/statm`, "utf8").split(" ")[1]);
    } catch {
      // gone
    }
    stack.push(...(byParent.get(p) ?? []));
  }
  return (pages * PAGE_KB) / 1024;
}

/** Samples every `everyMs` until stopped; returns the peak and the last sample. */
export function sampleRss(pid: number, everyMs = 250) {
  let peak = 0;
  let last = 0;
  const tick = () => {
    last = treeRssMb(pid);
    peak = Math.max(peak, last);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    peak: () => peak,
    now: () => {
      tick();
      return last;
    },
    stop: () => clearInterval(timer),
  };
}
