// Small helpers for the benchmark scripts: percentiles and aligned output.
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

export async function sample(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timeIt(fn))[1]);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

export function row(label: string, value: string, target?: string) {
  console.log(`${label.padEnd(58)} ${value.padStart(16)}${target ? `   (target ${target})` : ""}`);
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
