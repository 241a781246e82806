// How long a reviewer spent on a revision, measured by the server: from the first time they
// opened that revision for review (or marked one of its files viewed, if earlier) to their
// decision. A figure the client sends is kept only as a hint: it cannot hide a fast approval.
export interface TimingFacts {
  openedAt: Date | null;
  firstFileViewAt: Date | null;
  decidedAt: Date;
}

export function measuredSeconds(facts: TimingFacts): number {
  const starts = [facts.openedAt, facts.firstFileViewAt].filter((d): d is Date => d !== null);
  if (starts.length === 0) return 0;
  const start = Math.min(...starts.map((d) => d.getTime()));
  return Math.max(0, Math.round((facts.decidedAt.getTime() - start) / 1000));
}
