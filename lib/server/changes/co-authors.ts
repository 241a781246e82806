// A change's co-authors from the handles the author gave: each must be an active person. The
// preview and submission both call this, so a co-author the preview accepts is one submission
// accepts too.
import type { Db, Tx } from "@/lib/db";
import { validationError } from "@/lib/errors";

export async function resolveCoAuthors(
  db: Db | Tx,
  authorHandle: string,
  handles: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(handles)].filter((h) => h !== authorHandle);
  if (unique.length === 0) return [];
  const users = await db.user.findMany({
    where: { handle: { in: unique }, active: true },
    select: { id: true, handle: true },
  });
  const missing = unique.filter((h) => !users.some((u) => u.handle === h));
  if (missing.length)
    throw validationError(
      missing.map((h) => ({ field: "coAuthors", message: `no active person with handle "@${h}"` })),
    );
  return users.map((u) => u.id);
}
