// The signed-in person's notifications: newest first, and marking them read.
import { z } from "zod";
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import {
  NOTIFICATION_KIND_NAMES,
  type NotificationKindName,
} from "@/lib/domain/notification-kinds";

export async function listNotifications(user: PersonActor, limit = 20) {
  const [items, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: {
        id: true,
        kind: true,
        title: true,
        body: true,
        link: true,
        readAt: true,
        createdAt: true,
      },
    }),
    db.notification.count({ where: { userId: user.id, readAt: null } }),
  ]);
  return { unread, items };
}

export const readSchema = z
  .object({ ids: z.array(z.string().max(64)).max(200).optional() })
  .strict();

export async function markRead(user: PersonActor, raw: unknown) {
  const input = parseInput(readSchema, raw);
  return mutate(user, async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: user.id, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
      data: { readAt: new Date() },
    });
    return {
      result: { marked: count },
      event: count
        ? {
            action: "notifications.read",
            subjectType: "user",
            subjectId: user.id,
            subjectLabel: user.handle,
            payload: { count },
          }
        : null,
    };
  });
}

/** Opening the page a notification leads to marks it read (the change's or the incident's). */
export async function readNotificationsAbout(user: PersonActor, page: string) {
  const unread = await db.notification.findMany({
    where: {
      userId: user.id,
      readAt: null,
      OR: [{ link: page }, { link: { startsWith: `${page}#` } }],
    },
    select: { id: true },
    take: 200,
  });
  if (unread.length) await markRead(user, { ids: unread.map((n) => n.id) });
}

export const mailSettingsSchema = z
  .object({
    mailMuted: z
      .array(z.enum(NOTIFICATION_KIND_NAMES, { message: "must be a kind of notification" }))
      .max(NOTIFICATION_KIND_NAMES.length),
  })
  .strict();

/** Which kinds of notification a person does not want e-mailed (they still show in the portal). */
export async function saveMailSettings(user: PersonActor, raw: unknown) {
  const input = parseInput(mailSettingsSchema, raw);
  const mailMuted = [...new Set(input.mailMuted)].sort();
  return mutate(user, async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { mailMuted: true },
    });
    const was = [...before.mailMuted].sort();
    if (JSON.stringify(was) === JSON.stringify(mailMuted))
      return { result: { mailMuted }, event: null };
    await tx.user.update({ where: { id: user.id }, data: { mailMuted } });
    return {
      result: { mailMuted },
      event: {
        action: "notifications.settings_saved",
        subjectType: "user",
        subjectId: user.id,
        subjectLabel: user.handle,
        payload: { before: { mailMuted: was }, after: { mailMuted } },
      },
    };
  });
}

export async function mailSettings(user: PersonActor) {
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { mailMuted: true },
  });
  return { mailMuted: row.mailMuted as NotificationKindName[] };
}
