// Who a change belongs to, and who may see it. Pure; every use case and page asks here.
import type { Role } from "@/lib/domain/levels";
import type { Status } from "@/lib/domain/lifecycle/lifecycle";

export interface Authorship {
  authorId: string;
  coAuthorIds: readonly string[];
}

/** The author or one of the co-authors: the people who answer for the change. */
export function isAuthorOrCoAuthor(change: Authorship, personId: string): boolean {
  return change.authorId === personId || change.coAuthorIds.includes(personId);
}

export interface Viewer {
  id: string;
  roles: readonly Role[];
}

/**
 * A draft is its authors' notebook: only they and admins see it (anyone else gets the same 404 as
 * for a change that does not exist). Once submitted, every signed-in person may read a change.
 */
export function maySeeChange(viewer: Viewer, change: Authorship & { status: Status }): boolean {
  if (change.status !== "DRAFT") return true;
  return isAuthorOrCoAuthor(change, viewer.id) || viewer.roles.includes("ADMIN");
}
