import { Card } from "@/components/ui/card";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function IncidentsLoading() {
  return (
    <>
      <Skeleton className="mb-6 h-8 w-40" />
      <Card>
        <TableSkeleton rows={10} label="Loading incidents" />
      </Card>
    </>
  );
}
