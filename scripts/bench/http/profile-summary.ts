// Summarises a V8 CPU profile (npm run bench with BENCH_PROFILE=<dir>): self time by package or
// file and by function, the top of what a flame graph shows. Open the .cpuprofile in Chrome's
// DevTools (Performance) or speedscope for the graph itself.
// Usage: tsx scripts/bench/http/profile-summary.ts <file.cpuprofile> [rows]
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [rows]");
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const rows = Number(rowsArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  if (!url) return "(native / idle / gc)";
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (modules) return modules[modules.length - 1]!.replace("node_modules/", "");
  if (url.startsWith("node:")) return url;
  const chunk = url.match(/\.next\/server\/(.*)$/);
  return chunk ? `.next/server/${chunk[1]}` : url.replace(/^file:\/\/.*?\/work\/[^/]+\//, "");
};
const sum = (key: (n: Node) => string) => {
  const out = new Map<string, number>();
  for (const [id, us] of self) {
    const k = key(byId.get(id)!);
    out.set(k, (out.get(k) ?? 0) + us);
  }
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, rows);
};
const print = (title: string, entries: [string, number][]) => {
  console.log(`\n${title}`);
  for (const [k, us] of entries)
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`,
    );
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print(
  "self time by package / file",
  sum((n) => where(n.callFrame.url)),
);
print(
  "self time by function",
  sum(
    (n) =>
      `${n.callFrame.functionName || "(anonymous)"}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber}`,
  ),
);
