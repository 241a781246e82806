// An audit event in words, for the change's and the incident's history ("Joshuah Stracke approved
// revision 1 (3 s on 34 lines: possible rubber stamp)"). The raw event stays one click away. Pure.
export interface DescribedEvent {
  action: string;
  actorName: string;
  subjectLabel: string | null;
  changeKey: string | null;
  payload: unknown;
}

type Payload = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" ? v : null);
const str = (v: unknown) => (typeof v === "string" ? v : "");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const keyOf = (label: string | null) => (label ?? "").split(" ")[0] ?? "";

function lines(p: Payload) {
  const start = num(p.startLine);
  const end = num(p.endLine);
  if (start === null) return "";
  return end !== null && end !== start ? ` lines ${start}–${end}` : ` line ${start}`;
}

/** The sentence; `showStamp` is false for people who may not see the rubber-stamp flag. */
export function describeEvent(event: DescribedEvent, options: { showStamp?: boolean } = {}) {
  const p = (event.payload ?? {}) as Payload;
  // Audit names people as "Ana Lima (@ana.lima)"; in a sentence the name is enough.
  const who = event.actorName.replace(/ \(@[^)]+\)$/, "");
  switch (event.action) {
    case "change.draft_saved":
      return `${who} saved the draft`;
    case "change.submitted":
      return `${who} submitted it for review${Array.isArray(p.systems) && p.systems.length ? ` (${(p.systems as string[]).join(", ")})` : ""}`;
    case "change.described":
      return `${who} updated the description`;
    case "review.opened":
      return `${who} opened revision ${num(p.revision)} for review`;
    case "review.file_viewed":
      return `${who} marked ${str(p.path)} ${p.viewed ? "viewed" : "not viewed"}`;
    case "review.submitted": {
      const revision = num(p.revision);
      if (p.decision === "REJECT") return `${who} rejected revision ${revision}`;
      if (p.decision === "REQUEST_CHANGES") {
        const threads = Array.isArray(p.threads) ? p.threads.length : 0;
        return `${who} requested changes on revision ${revision}${threads ? `, pointing at ${plural(threads, "thread")}` : ""}`;
      }
      const seconds = num(p.secondsSpent);
      const changed = num(p.linesChanged);
      const facts = [
        seconds !== null && changed !== null
          ? `${Math.round(seconds)} s on ${plural(changed, "line")}`
          : seconds !== null
            ? `${Math.round(seconds)} s`
            : "",
        options.showStamp !== false && p.possibleRubberStamp ? "possible rubber stamp" : "",
      ].filter(Boolean);
      return `${who} approved revision ${revision}${facts.length ? ` (${facts.join(": ")})` : ""}`;
    }
    case "change.revised":
      return `${who} uploaded revision ${num(p.revision)}${p.note ? `: “${str(p.note)}”` : ""}${num(p.dismissedApprovals) ? ` (${plural(num(p.dismissedApprovals)!, "approval")} no longer count)` : ""}`;
    case "change.withdrawn":
      return `${who} withdrew the change${p.reason ? `: ${str(p.reason)}` : ""}`;
    case "change.deployed":
      return `${who} marked it deployed${p.environment ? ` to ${str(p.environment)}` : ""}${p.emergency ? " (emergency)" : ""}`;
    case "change.deployment_recorded":
      return `${who} recorded a deployment${p.environment ? ` to ${str(p.environment)}` : ""}`;
    case "change.rolled_back":
      return `${who} marked it rolled back${p.reason ? `: ${str(p.reason)}` : ""}`;
    case "change.sla_breached":
      return `${who} escalated the overdue review`;
    case "comment.added":
      return p.reply
        ? `${who} replied in a thread`
        : p.path
          ? `${who} commented on ${str(p.path)}${lines(p)}`
          : `${who} commented on the change`;
    case "thread.resolved":
      return `${who} resolved a thread`;
    case "thread.reopened":
      return `${who} reopened a thread`;
    case "transcript.attached":
      return `${who} attached the AI session ${str(p.fileName)} (${str(p.source)}, ${plural(num(p.messages) ?? 0, "message")}${num(p.secretsMasked) ? `, ${plural(num(p.secretsMasked)!, "secret")} masked` : ""})`;
    case "second_look.assigned":
      return `${who} asked ${str(p.reviewer)} for a second look at revision ${num(p.revision)}`;
    case "second_look.decided":
      return p.verdict === "AGREE"
        ? `${who} took a second look and agreed with the approval`
        : `${who} took a second look and raised a concern: ${str(p.comment)}`;
    case "incident.recorded":
      return `${who} recorded ${keyOf(event.subjectLabel)}`;
    case "incident.updated":
      return `${who} updated ${keyOf(event.subjectLabel)}`;
    case "incident.note_added":
      return `${who} added to the timeline: ${str(p.text)}`;
    case "incident.change_linked":
      return `${who} linked ${str(p.change)} as the ${str(p.kind)} of ${keyOf(event.subjectLabel)}${p.previousKind ? ` (was ${str(p.previousKind)})` : ""}`;
    case "incident.change_unlinked":
      return `${who} unlinked ${str(p.change)} (${str(p.kind)}) from ${keyOf(event.subjectLabel)}`;
    default:
      return null;
  }
}
