// Updating what a submitted change says about itself (title, intent, the AI tools and what they
// wrote, the rollback plan, the test evidence) without a new revision: none of these changes the
// policy, so approvals stand. A change of the AI extent is a new revision instead
// (lib/domain/integrations/sync.ts). Used by the code-host integrations when a pull request's
// description is edited.
import { z } from "zod";
import type { Tx } from "@/lib/db";
import type { MutationOutcome } from "@/lib/server/audit/mutate";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { changeInputSchema } from "./input";
import type { LockedChange } from "./context";

const { title, intent, aiTools, aiWrote, rollbackPlan, testEvidence } = changeInputSchema.in.shape;
const describedSchema = z
  .object({ title, intent, aiTools, aiWrote, rollbackPlan, testEvidence })
  .strict()
  .partial();

export async function describeIn(
  tx: Tx,
  change: LockedChange,
  raw: Record<string, unknown>,
): Promise<MutationOutcome<{ key: string }>> {
  // Only the fields given: the schema's defaults (an empty intent) must not overwrite the rest.
  const parsed = parseInput(describedSchema, raw);
  const input = Object.fromEntries(
    Object.entries(parsed).filter(([field]) => field in raw),
  ) as typeof parsed;
  if (input.intent !== undefined && input.intent.length < 20)
    throw validationError([{ field: "intent", message: "must be at least 20 characters" }]);
  const fields = Object.keys(input) as (keyof typeof input)[];
  const stored = await tx.changeRequest.findUniqueOrThrow({
    where: { id: change.id },
    select: {
      title: true,
      intent: true,
      aiTools: true,
      aiWrote: true,
      rollbackPlan: true,
      testEvidence: true,
    },
  });
  const before = Object.fromEntries(fields.map((f) => [f, stored[f]]));
  await tx.changeRequest.update({ where: { id: change.id }, data: input });
  return {
    result: { key: change.key },
    event: {
      action: "change.described",
      subjectType: "change",
      subjectId: change.id,
      subjectLabel: change.key,
      changeKey: change.key,
      payload: { before, after: input },
    },
  };
}
