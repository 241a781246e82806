// Notifications: an in-app row for each recipient and, when SMTP is configured, an e-mail job,
// both inside the caller's transaction.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { mailConfig, mailEnabled } from "@/lib/mail/config";
import { queueSlack } from "@/lib/server/integrations/outbound";

export type NotificationKind =
  | "ASSIGNED"
  | "CHANGES_REQUESTED"
  | "APPROVED"
  | "REJECTED"
  | "NEW_REVISION"
  | "SLA_BREACH"
  | "UNROUTABLE"
  | "DEPLOYED"
  | "UNMATCHED_AUTHOR"
  | "INCIDENT_SUSPECT"
  | "REVIEWED"
  | "COMMENTED"
  | "MENTIONED"
  | "INCIDENT_LINKED"
  | "SECOND_LOOK"
  | "SECOND_LOOK_CONCERN";

export interface NotificationInput {
  kind: NotificationKind;
  changeKey: string;
  title: string;
  body: string;
  /** Where it leads, when not the change's page (an incident's). */
  link?: string;
}

export interface EmailJob {
  /** This message's own id: its Message-ID, so a receiver can tell a resend from a new message. */
  id?: string;
  to: string;
  subject: string;
  text: string;
  link: string;
}

export async function notify(tx: Tx, userIds: string[], input: NotificationInput): Promise<void> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return;
  const link = input.link ?? `/changes/${input.changeKey}`;
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: input.kind,
      changeKey: input.changeKey,
      title: input.title,
      body: input.body,
      link,
    })),
  });
  await queueSlack(tx, recipients, { ...input, link });
  if (!mailEnabled()) return;
  const { publicUrl } = mailConfig();
  const people = await tx.user.findMany({
    // A person may keep a kind out of their mail; it still shows in the portal.
    where: { id: { in: recipients }, active: true, NOT: { mailMuted: { has: input.kind } } },
    select: { email: true, name: true },
  });
  for (const person of people) {
    const job: EmailJob = {
      id: randomUUID(),
      to: person.email,
      subject: `[Countersign] ${input.title}`,
      text: `Hello ${person.name},\n\n${input.body}\n\nOpen it: ${publicUrl}${link}\n\n— Countersign`,
      link: `${publicUrl}${link}`,
    };
    await enqueue(tx, QUEUES.email, job);
  }
}

/** The managers of the teams that own these systems. */
export async function managersOf(tx: Tx, systemIds: string[]): Promise<string[]> {
  const teams = await tx.team.findMany({
    where: { systems: { some: { id: { in: systemIds } } }, managerId: { not: null } },
    select: { managerId: true },
  });
  return teams.map((t) => t.managerId!);
}

export async function admins(tx: Tx): Promise<string[]> {
  return (
    await tx.user.findMany({
      where: { roles: { has: "ADMIN" }, active: true },
      select: { id: true },
    })
  ).map((u) => u.id);
}
