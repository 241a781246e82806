// Every kind of notification, in words, for the per-person setting of which ones are e-mailed.
export const NOTIFICATION_KINDS = {
  ASSIGNED: "A change is assigned to me for review",
  NEW_REVISION: "A change I reviewed has a new revision",
  REVIEWED: "Someone reviewed or withdrew a change of mine (or one I reviewed)",
  CHANGES_REQUESTED: "Changes are requested on my change",
  APPROVED: "My change is approved",
  REJECTED: "My change is rejected",
  COMMENTED: "Someone commented on a change of mine or a thread I am in",
  MENTIONED: "Someone mentioned me",
  DEPLOYED: "A change I follow was deployed",
  SLA_BREACH: "A review is overdue",
  UNROUTABLE: "A change has nobody who may sign it",
  INCIDENT_LINKED: "An incident names a change of mine",
  INCIDENT_SUSPECT: "A change of mine is a suspect of an incident",
  SECOND_LOOK: "I am asked for a second look at an approval",
  SECOND_LOOK_CONCERN: "Someone raised a concern on an approval",
  UNMATCHED_AUTHOR: "A pull request's author matches nobody (admins)",
} as const;

export type NotificationKindName = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKindName[];
