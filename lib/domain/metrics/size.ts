// Change size buckets (lines added + removed), used to split the change failure rate. Pure.
export const SIZE_BUCKETS = [
  { name: "XS", label: "XS (≤ 10 lines)", max: 10 },
  { name: "S", label: "S (11–50)", max: 50 },
  { name: "M", label: "M (51–250)", max: 250 },
  { name: "L", label: "L (251–1,000)", max: 1000 },
  { name: "XL", label: "XL (> 1,000)", max: Infinity },
] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number]["name"];

export function sizeBucket(linesChanged: number): SizeBucket {
  return SIZE_BUCKETS.find((b) => linesChanged <= b.max)!.name;
}

/** The same buckets as a SQL CASE over an expression (the metrics queries use this). */
export function sizeBucketSql(linesExpression: string): string {
  const arms = SIZE_BUCKETS.filter((b) => Number.isFinite(b.max))
    .map((b) => `WHEN ${linesExpression} <= ${b.max} THEN '${b.name}'`)
    .join(" ");
  return `(CASE ${arms} ELSE '${SIZE_BUCKETS[SIZE_BUCKETS.length - 1]!.name}' END)`;
}
