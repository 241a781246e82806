// Sign-in and sign-out, recorded in the audit trail.
import { db } from "@/lib/db";
import type { AuditEventInput } from "@/lib/domain/audit/events";
import { PERSON_COLUMNS } from "@/lib/domain/actor";
import { mutate } from "@/lib/server/audit/mutate";

type SessionEvent = Extract<AuditEventInput, { subjectType: "session" }>;

async function recordSession(userId: string, event: Pick<SessionEvent, "action" | "payload">) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: PERSON_COLUMNS,
  });
  if (!user) return;
  await mutate({ kind: "user", ...user }, async () => ({
    result: undefined,
    event: {
      ...event,
      subjectType: "session",
      subjectId: user.id,
      subjectLabel: user.handle,
    } as SessionEvent,
  }));
}

export async function recordSignIn(userId: string, provider: string): Promise<void> {
  await recordSession(userId, { action: "auth.signed_in", payload: { provider } });
}

export async function recordSignOut(userId: string): Promise<void> {
  await recordSession(userId, { action: "auth.signed_out", payload: {} });
}
