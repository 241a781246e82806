import { Card } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <Card>
      <TableSkeleton label="Loading systems" />
    </Card>
  );
}
