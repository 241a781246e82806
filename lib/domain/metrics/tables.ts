// Each dashboard figure as a plain table: the accessible alternative under every chart and the
// CSV download are both this, so what you read, what you see and what you download agree. Pure.
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import type { MetricName } from "./definitions";

export interface MetricTable {
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
const day = (iso: string) => iso.slice(0, 10);
const splitRows = (group: string, splits: DashboardMetrics["changeFailureRate"]["byAiExtent"]) =>
  splits.map((s) => ({
    split: group,
    key: s.key,
    deployed: s.deployed,
    caused: s.caused,
    ratePercent: pct(s.rate),
  }));

export function metricTable(m: DashboardMetrics, name: MetricName): MetricTable {
  switch (name) {
    case "incidentsPerWeek":
      return {
        columns: [
          { key: "week", label: "Week of" },
          { key: "SEV1", label: "SEV1" },
          { key: "SEV2", label: "SEV2" },
          { key: "SEV3", label: "SEV3" },
          { key: "SEV4", label: "SEV4" },
          { key: "total", label: "Total" },
        ],
        rows: m.incidentsPerWeek.map((w) => ({ ...w, week: day(w.week) })),
      };
    case "timeToRestore":
      return {
        columns: [
          { key: "severity", label: "Severity" },
          { key: "resolved", label: "Resolved incidents" },
          { key: "p50Hours", label: "Median (h)" },
          { key: "p90Hours", label: "p90 (h)" },
        ],
        rows: [
          {
            severity: "All",
            resolved: m.timeToRestore.resolved,
            p50Hours: m.timeToRestore.p50Hours,
            p90Hours: m.timeToRestore.p90Hours,
          },
          ...m.timeToRestore.bySeverity,
        ],
      };
    case "customerImpact":
      return {
        columns: [
          { key: "severity", label: "Severity" },
          { key: "incidents", label: "Incidents" },
          { key: "errors", label: "Errors" },
          { key: "lostOrders", label: "Lost orders" },
          { key: "customersAffected", label: "Customers affected" },
        ],
        rows: [
          {
            severity: "All",
            incidents: m.customerImpact.incidents,
            errors: m.customerImpact.errors,
            lostOrders: m.customerImpact.lostOrders,
            customersAffected: m.customerImpact.customersAffected,
          },
          ...m.customerImpact.bySeverity,
        ],
      };
    case "changeFailureRate":
      return {
        columns: [
          { key: "split", label: "Split" },
          { key: "key", label: "Group" },
          { key: "deployed", label: "Deployed" },
          { key: "caused", label: "Caused an incident" },
          { key: "ratePercent", label: "Failure rate (%)" },
        ],
        rows: [
          ...splitRows("overall", [m.changeFailureRate.overall]),
          ...splitRows("AI extent", m.changeFailureRate.byAiExtent),
          ...splitRows("author level", m.changeFailureRate.byAuthorLevel),
          ...splitRows("size", m.changeFailureRate.bySize),
          ...splitRows("approver", m.changeFailureRate.byApprover),
        ],
      };
    case "changeFailureTrend":
      return {
        columns: [
          { key: "week", label: "Week of" },
          { key: "aiDeployed", label: "AI-assisted deployed" },
          { key: "aiCaused", label: "AI-assisted caused" },
          { key: "aiRatePercent", label: "AI-assisted rate (%)" },
          { key: "noneDeployed", label: "No AI deployed" },
          { key: "noneCaused", label: "No AI caused" },
          { key: "noneRatePercent", label: "No AI rate (%)" },
        ],
        rows: m.changeFailureTrend.map((w) => ({
          week: day(w.week),
          aiDeployed: w.aiDeployed,
          aiCaused: w.aiCaused,
          aiRatePercent: pct(w.aiRate),
          noneDeployed: w.noneDeployed,
          noneCaused: w.noneCaused,
          noneRatePercent: pct(w.noneRate),
        })),
      };
    case "reviewTimes":
      return {
        columns: [
          { key: "week", label: "Week of" },
          { key: "submitted", label: "Submitted" },
          { key: "firstReviewP50Hours", label: "First review p50 (h)" },
          { key: "firstReviewP90Hours", label: "First review p90 (h)" },
          { key: "approvalP50Hours", label: "Approval p50 (h)" },
          { key: "breaches", label: "SLA breaches" },
        ],
        rows: m.reviewTimes.perWeek.map((w) => ({ ...w, week: day(w.week) })),
      };
    case "queueDepth":
      return {
        columns: [
          { key: "name", label: "Team" },
          { key: "waiting", label: "Waiting" },
          { key: "overdue", label: "Past SLA" },
          { key: "seniors", label: "SENIOR+ members" },
          { key: "openAssignments", label: "Open assignments" },
          { key: "openPerSenior", label: "Open per senior" },
        ],
        rows: m.queueDepth,
      };
    case "reviewLoad":
      return {
        columns: [
          { key: "name", label: "Reviewer" },
          { key: "handle", label: "Handle" },
          { key: "level", label: "Level" },
          { key: "team", label: "Team" },
          { key: "reviews", label: "Reviews" },
          { key: "linesReviewed", label: "Lines reviewed" },
          { key: "medianSeconds", label: "Median time (s)" },
          { key: "openAssignments", label: "Open now" },
        ],
        rows: m.reviewLoad,
      };
    case "slaBreaches":
      return {
        columns: [
          { key: "submitted", label: "Submitted" },
          { key: "breaches", label: "Breaches" },
          { key: "ratePercent", label: "Share (%)" },
        ],
        rows: [
          {
            submitted: m.slaBreaches.submitted,
            breaches: m.slaBreaches.breaches,
            ratePercent: pct(m.slaBreaches.rate),
          },
        ],
      };
    case "unroutable":
      return {
        columns: [
          { key: "name", label: "System" },
          { key: "system", label: "Slug" },
          { key: "requirements", label: "Unroutable requirements" },
        ],
        rows: m.unroutable.bySystem,
      };
    case "rubberStamps":
      return {
        columns: [
          { key: "at", label: "When" },
          { key: "change", label: "Change" },
          { key: "reviewer", label: "Reviewer" },
          { key: "linesChanged", label: "Lines" },
          { key: "secondsSpent", label: "Seconds spent" },
          { key: "reasons", label: "Why flagged" },
        ],
        rows: m.rubberStamps.recent.map((r) => ({
          at: r.at.slice(0, 16).replace("T", " "),
          change: r.change,
          reviewer: r.reviewer,
          linesChanged: r.linesChanged,
          secondsSpent: r.secondsSpent,
          reasons: r.reasons.join("; "),
        })),
      };
    case "windowCompliance":
      return {
        columns: [
          { key: "name", label: "Window" },
          { key: "period", label: "Period" },
          { key: "minimums", label: "Minimums" },
          { key: "inScope", label: "Changes in scope" },
          { key: "met", label: "Met the minimums" },
          { key: "ratePercent", label: "Compliance (%)" },
        ],
        rows: m.windowCompliance.map((w) => ({
          name: w.name,
          period: `${day(w.startsAt)} – ${day(w.endsAt)}`,
          minimums: [
            w.minApprovals ? `${w.minApprovals} approvals` : null,
            w.minLevel ? `${w.minLevel}+` : null,
            w.requirePrincipal ? "a PRINCIPAL" : null,
          ]
            .filter(Boolean)
            .join(", "),
          inScope: w.inScope,
          met: w.met,
          ratePercent: pct(w.rate),
        })),
      };
  }
}
