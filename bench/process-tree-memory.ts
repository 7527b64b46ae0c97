/**
 * The memory of a process and all its descendants, sampled while it runs (Linux /proc): what a training
 * run occupies when its work is spread over processes (a Dask LocalCluster's scheduler, nannies and
 * workers are child processes of the driver). Peak of the summed RSS, and of the summed PSS (shared pages
 * divided among the processes that map them: the figure that adds up across processes).
 */
import fs from 'node:fs';

/** The peaks seen so far, in bytes, and the most processes seen at once. */
export interface TreeMemoryPeak {
  rss: number;
  pss: number;
  processes: number;
}

/** The pids of `root` and every descendant, from each process's parent in /proc/PID/stat. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended between the listing and the read
    }
    // The command name (field 2) is in parentheses and may hold spaces: the parent is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Rss and Pss of one process in bytes (0 when it has ended). */
function processMemory(pid: number): { rss: number; pss: number } {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
    return { rss: kb('Rss'), pss: kb('Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

/** Samples the tree under `root` every `intervalMs` until stop() is called; stop() returns the peaks. */
export function sampleTreeMemory(root: number, intervalMs = 250): { stop(): TreeMemoryPeak } {
  const peak: TreeMemoryPeak = { rss: 0, pss: 0, processes: 0 };
  const sample = () => {
    const pids = processTree(root);
    let rss = 0;
    let pss = 0;
    for (const pid of pids) {
      const m = processMemory(pid);
      rss += m.rss;
      pss += m.pss;
    }
    peak.rss = Math.max(peak.rss, rss);
    peak.pss = Math.max(peak.pss, pss);
    peak.processes = Math.max(peak.processes, pids.length);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { ...peak };
    },
  };
}
