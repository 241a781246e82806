// "Reviewing the reviewer" on the dashboard: per approver and per approver's team, how many of
// their approvals were sampled for a second look, and how the second looks went.
import type { SecondLookFigures } from "@/lib/server/changes/second-look";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SmallTable } from "./small-table";

const rows = (figures: SecondLookFigures[]) =>
  figures.map((f) => [
    f.name,
    f.sampled.toLocaleString("en"),
    `${f.agreed.toLocaleString("en")} of ${f.decided.toLocaleString("en")} agreed`,
    f.concerns ? <strong className="text-red-700">{f.concerns}</strong> : "0",
    (f.sampled - f.decided).toLocaleString("en"),
  ]);

const HEAD = ["", "Sampled", "Second looks", "Concerns", "Waiting"];

export function SecondLooksCard({
  approvers,
  teams,
}: {
  approvers: SecondLookFigures[];
  teams: SecondLookFigures[];
}) {
  return (
    <Card className="mt-6">
      <CardHeader
        title="Second looks at approvals"
        description="A share of approved AI-assisted changes (more for tier 1 and possible rubber stamps) gets an independent look by another eligible senior."
      />
      <CardBody className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">By approver</h3>
          <SmallTable
            label="Second looks by approver"
            head={["Approver", ...HEAD.slice(1)]}
            rows={rows(approvers)}
          />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">By team</h3>
          <SmallTable
            label="Second looks by team"
            head={["Team", ...HEAD.slice(1)]}
            rows={rows(teams)}
          />
        </div>
      </CardBody>
    </Card>
  );
}
