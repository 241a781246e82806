// Every figure the dashboard and the metrics API report, by name, with what it means. The API
// returns these names and definitions next to the numbers. Pure.
export const METRIC_DEFINITIONS = {
  incidentsPerWeek: {
    title: "Incidents per week by severity",
    definition: "Incidents whose start falls in the range, counted per ISO week (Monday, UTC).",
  },
  timeToRestore: {
    title: "Time to restore",
    definition:
      "Hours from an incident's start to its resolution, for resolved incidents that started in the range: median (p50) and p90 (linear interpolation, as PostgreSQL's percentile_cont).",
  },
  customerImpact: {
    title: "Customer impact",
    definition:
      "Sums of errors, lost orders and customers affected over incidents that started in the range, by severity.",
  },
  changeFailureRate: {
    title: "Change failure rate",
    definition:
      "Changes linked to an incident as its CAUSE divided by changes deployed, over changes deployed in the range; split by AI extent, by the author's level, by size (lines added + removed) and by approver.",
  },
  changeFailureTrend: {
    title: "Change failure rate per week, AI-assisted vs not",
    definition:
      "The change failure rate per week of deployment, for changes declared with any AI help and for changes without.",
  },
  reviewTimes: {
    title: "Time to first review and to approval",
    definition:
      "Hours from submission to the first review and to full approval, for changes submitted in the range: p50 and p90.",
  },
  queueDepth: {
    title: "Queue depth per team",
    definition:
      "Right now: changes waiting for review (PENDING or CHANGES_REQUESTED) per team owning an affected system, how many are past their review SLA, and open review assignments per SENIOR+ member.",
  },
  reviewLoad: {
    title: "Review load per senior",
    definition:
      "Reviews each SENIOR+ engineer gave in the range, the changed lines behind them, and the review assignments open right now.",
  },
  slaBreaches: {
    title: "SLA breaches",
    definition:
      "Changes submitted in the range whose first review came after the SLA (tier 1: 4 h, tier 2: 8 h, tier 3: 24 h), or has not come and is overdue.",
  },
  unroutable: {
    title: "Unroutable requirements",
    definition:
      "Right now: sign-off requirements no eligible reviewer can satisfy (no owner of the right level), by system.",
  },
  rubberStamps: {
    title: "Possible rubber stamps",
    definition:
      "Approvals given in the range faster than the change's size allows or without opening every file; flagged for a look, never blocked.",
  },
  windowCompliance: {
    title: "Policy-window compliance",
    definition:
      "For each policy window overlapping the range: of the in-scope changes approved during the window and the range, the share whose approvals met the window's minimums (count, level, PRINCIPAL).",
  },
} as const;

export type MetricName = keyof typeof METRIC_DEFINITIONS;
export const METRIC_NAMES = Object.keys(METRIC_DEFINITIONS) as MetricName[];
