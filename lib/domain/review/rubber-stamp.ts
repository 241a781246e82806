// Possible rubber stamps (docs/architecture.md, "Reviews"): an approval of a change faster than its size makes
// plausible, or without opening every file. The approval still counts; the dashboard shows it.
export interface StampInput {
  linesChanged: number;
  files: number;
  filesViewed: number;
  secondsSpent: number;
}

/** The least time a careful approval of this many changed lines takes: 30 s, plus 0.5 s a line, at most 15 min. */
export function plausibleSeconds(linesChanged: number): number {
  return Math.min(900, 30 + Math.max(0, linesChanged) * 0.5);
}

export function rubberStampReasons(input: StampInput): string[] {
  const reasons: string[] = [];
  const needed = plausibleSeconds(input.linesChanged);
  if (input.secondsSpent < needed) {
    reasons.push(
      `approved ${input.linesChanged} changed lines in ${Math.round(input.secondsSpent)} s (under ${Math.round(needed)} s)`,
    );
  }
  if (input.files > 0 && input.filesViewed < input.files) {
    reasons.push(`opened ${input.filesViewed} of ${input.files} files`);
  }
  return reasons;
}

/**
 * Who sees that an approval was flagged as a possible rubber stamp (docs/decisions/0014-reviewer-workplace.md):
 * managers and admins, the reviewer who gave it, and the change's other reviewers once they have
 * decided themselves, so the flag never sways a decision still to be made.
 */
export function seesStampFlag(viewer: {
  id: string;
  oversees: boolean;
  reviewerId: string;
  hasDecided: boolean;
}): boolean {
  return viewer.oversees || viewer.id === viewer.reviewerId || viewer.hasDecided;
}
