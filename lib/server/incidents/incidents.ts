// Recording and working incidents: create, edit, timeline notes, and linking changes as CAUSE,
// CONTRIBUTING or SUSPECT. Each is one transaction with its audit event.
import type { Tx } from "@/lib/db";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { timeProblems } from "@/lib/domain/incidents/incident";
import { AppError, forbidden, notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import {
  createIncidentSchema,
  INCIDENT_KEY,
  linkSchema,
  noteSchema,
  updateIncidentSchema,
} from "./input";

async function systemIdsFor(tx: Tx, slugs: string[]): Promise<{ id: string; slug: string }[]> {
  const unique = [...new Set(slugs)];
  const systems = await tx.system.findMany({
    where: { slug: { in: unique } },
    select: { id: true, slug: true },
  });
  const missing = unique.filter((s) => !systems.some((x) => x.slug === s));
  if (missing.length)
    throw validationError(
      missing.map((s) => ({ field: "systems", message: `unknown system "${s}"` })),
    );
  return systems;
}

function checkTimes(t: Parameters<typeof timeProblems>[0]) {
  const problems = timeProblems(t, new Date());
  if (problems.length) throw validationError(problems);
}

async function lockIncident(tx: Tx, key: string) {
  if (!INCIDENT_KEY.test(key)) throw notFound("No such incident.");
  const [row] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Incident" WHERE key = ${key} FOR UPDATE`;
  if (!row) throw notFound("No such incident.");
  return tx.incident.findUniqueOrThrow({
    where: { id: row.id },
    include: { systems: { select: { system: { select: { slug: true } } } } },
  });
}

type Stored = Awaited<ReturnType<typeof lockIncident>>;
export const view = (i: Omit<Stored, "systems">, systems: string[]) => ({
  title: i.title,
  severity: i.severity,
  status: i.status,
  startedAt: i.startedAt.toISOString(),
  detectedAt: i.detectedAt.toISOString(),
  mitigatedAt: i.mitigatedAt?.toISOString() ?? null,
  resolvedAt: i.resolvedAt?.toISOString() ?? null,
  systems: [...systems].sort(),
  errors: i.errors,
  lostOrders: i.lostOrders,
  customersAffected: i.customersAffected,
  summary: i.summary,
  postmortemUrl: i.postmortemUrl,
});

export async function recordIncident(actor: PersonActor, raw: unknown) {
  if (!can(actor, "incidents:write")) throw forbidden();
  const input = parseInput(createIncidentSchema, raw);
  checkTimes(input);
  return mutate(actor, async (tx) => {
    const systems = await systemIdsFor(tx, input.systems);
    const [counter] = await tx.$queryRaw<
      { value: number }[]
    >`UPDATE "Counter" SET value = value + 1 WHERE name = 'incident' RETURNING value`;
    if (!counter) throw new Error("the incident counter is missing (migrations not applied?)");
    const key = `INC-${counter.value}`;
    const { systems: _slugs, ...fields } = input;
    void _slugs;
    const incident = await tx.incident.create({
      data: {
        ...fields,
        number: counter.value,
        key,
        reportedById: actor.id,
        systems: { create: systems.map((s) => ({ systemId: s.id })) },
      },
    });
    return {
      result: { key },
      event: {
        action: "incident.recorded",
        subjectType: "incident",
        subjectId: incident.id,
        subjectLabel: `${key} ${incident.title}`,
        payload: {
          after: view(
            incident,
            systems.map((s) => s.slug),
          ),
        },
      },
    };
  });
}

export async function updateIncident(actor: PersonActor, key: string, raw: unknown) {
  if (!can(actor, "incidents:write")) throw forbidden();
  const input = parseInput(updateIncidentSchema, raw);
  return mutate(actor, async (tx) => {
    const existing = await lockIncident(tx, key);
    const beforeSlugs = existing.systems.map((s) => s.system.slug);
    const { systems: slugs, ...fields } = input;
    const merged = { ...existing, ...fields };
    checkTimes(merged);
    const systems = slugs ? await systemIdsFor(tx, slugs) : null;
    const before = view(existing, beforeSlugs);
    const after = view(merged, systems ? systems.map((s) => s.slug) : beforeSlugs);
    if (JSON.stringify(before) === JSON.stringify(after)) return { result: { key }, event: null };
    await tx.incident.update({ where: { id: existing.id }, data: fields });
    if (systems) {
      await tx.incidentSystem.deleteMany({ where: { incidentId: existing.id } });
      await tx.incidentSystem.createMany({
        data: systems.map((s) => ({ incidentId: existing.id, systemId: s.id })),
      });
    }
    return {
      result: { key },
      event: {
        action: "incident.updated",
        subjectType: "incident",
        subjectId: existing.id,
        subjectLabel: `${key} ${merged.title}`,
        payload: { before, after },
      },
    };
  });
}

export async function addIncidentNote(actor: PersonActor, key: string, raw: unknown) {
  if (!can(actor, "incidents:write")) throw forbidden();
  const input = parseInput(noteSchema, raw);
  const at = input.at ?? new Date();
  if (at.getTime() > Date.now() + 5 * 60_000)
    throw validationError([{ field: "at", message: "is in the future" }]);
  return mutate(actor, async (tx) => {
    const incident = await lockIncident(tx, key);
    const note = await tx.incidentNote.create({
      data: { incidentId: incident.id, authorId: actor.id, at, text: input.text },
    });
    return {
      result: { id: note.id },
      event: {
        action: "incident.note_added",
        subjectType: "incident",
        subjectId: incident.id,
        subjectLabel: `${key} ${incident.title}`,
        payload: { at: at.toISOString(), text: input.text },
      },
    };
  });
}

/** Keeps the change's causedIncident fact (read by the dashboard) true while any CAUSE link exists. */
async function refreshCaused(tx: Tx, changeId: string) {
  await tx.$executeRaw`UPDATE "ChangeRequest" SET "causedIncident" = EXISTS (
      SELECT 1 FROM "IncidentChange" WHERE "changeId" = ${changeId} AND kind = 'CAUSE')
    WHERE id = ${changeId}`;
}

async function changeToLink(tx: Tx, changeKey: string) {
  const change = await tx.changeRequest.findUnique({
    where: { key: changeKey },
    select: {
      id: true,
      key: true,
      title: true,
      deployedAt: true,
      authorId: true,
      coAuthors: { select: { userId: true } },
    },
  });
  if (!change) throw validationError([{ field: "change", message: `no change ${changeKey}` }]);
  if (!change.deployedAt)
    throw new AppError(
      "UNPROCESSABLE",
      `${changeKey} was never deployed, so it cannot have caused an incident.`,
    );
  return change;
}

export async function linkChange(actor: PersonActor, key: string, raw: unknown) {
  if (!can(actor, "incidents:write")) throw forbidden();
  const input = parseInput(linkSchema, raw);
  return mutate(actor, async (tx) => {
    const incident = await lockIncident(tx, key);
    const change = await changeToLink(tx, input.change);
    const existing = await tx.incidentChange.findUnique({
      where: { incidentId_changeId: { incidentId: incident.id, changeId: change.id } },
    });
    if (existing?.kind === input.kind) return { result: { linked: true }, event: null };
    await tx.incidentChange.upsert({
      where: { incidentId_changeId: { incidentId: incident.id, changeId: change.id } },
      create: {
        incidentId: incident.id,
        changeId: change.id,
        kind: input.kind,
        linkedById: actor.id,
      },
      update: { kind: input.kind, linkedById: actor.id, linkedAt: new Date() },
    });
    await refreshCaused(tx, change.id);
    // The change's authors hear that an incident names their change, and as what.
    await notify(
      tx,
      [change.authorId, ...change.coAuthors.map((c) => c.userId)].filter((id) => id !== actor.id),
      {
        kind: "INCIDENT_LINKED",
        changeKey: change.key,
        title: `${key} names ${change.key} as ${input.kind === "CAUSE" ? "its cause" : input.kind === "CONTRIBUTING" ? "contributing" : "a suspect"}`,
        body: `${actor.name} linked "${change.title}" to ${key} "${incident.title}" as ${input.kind}.`,
        link: `/incidents/${key}`,
      },
    );
    return {
      result: { linked: true },
      event: {
        action: "incident.change_linked",
        subjectType: "incident",
        subjectId: incident.id,
        subjectLabel: `${key} ${incident.title}`,
        changeKey: change.key,
        payload: { change: change.key, kind: input.kind, previousKind: existing?.kind ?? null },
      },
    };
  });
}

export async function unlinkChange(actor: PersonActor, key: string, changeKey: string) {
  if (!can(actor, "incidents:write")) throw forbidden();
  const { change: wanted } = parseInput(linkSchema.pick({ change: true }), { change: changeKey });
  return mutate(actor, async (tx) => {
    const incident = await lockIncident(tx, key);
    const link = await tx.incidentChange.findFirst({
      where: { incidentId: incident.id, change: { key: wanted } },
      select: { changeId: true, kind: true },
    });
    if (!link) return { result: { linked: false }, event: null };
    await tx.incidentChange.delete({
      where: { incidentId_changeId: { incidentId: incident.id, changeId: link.changeId } },
    });
    await refreshCaused(tx, link.changeId);
    return {
      result: { linked: false },
      event: {
        action: "incident.change_unlinked",
        subjectType: "incident",
        subjectId: incident.id,
        subjectLabel: `${key} ${incident.title}`,
        changeKey: wanted,
        payload: { change: wanted, kind: link.kind },
      },
    };
  });
}
