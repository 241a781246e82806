// Keyset pagination over (sort key, id): stable while rows are added, and every page is one
// index range scan however deep. Cursors are opaque base64url JSON; a bad cursor is ignored.
import { z } from "zod";

export interface Cursor {
  key: string;
  id: string;
}

const cursorSchema = z.tuple([z.string().max(500), z.string().max(100)]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(value, "base64url").toString("utf8")),
    );
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

export interface PageRequest {
  after?: string | null;
  before?: string | null;
  limit: number;
}

/** The Prisma `where`, `orderBy` and `take` for one page on (field, id). */
export function keysetQuery<F extends string>(field: F, page: PageRequest) {
  const before = decodeCursor(page.before);
  const after = before ? null : decodeCursor(page.after);
  const cursor = before ?? after;
  const op = before ? "lt" : "gt";
  const where = cursor
    ? { OR: [{ [field]: { [op]: cursor.key } }, { [field]: cursor.key, id: { [op]: cursor.id } }] }
    : {};
  const direction = before ? ("desc" as const) : ("asc" as const);
  return {
    where,
    orderBy: [{ [field]: direction }, { id: direction }] as Record<string, "asc" | "desc">[],
    take: page.limit + 1,
    backwards: Boolean(before),
    hasCursor: Boolean(cursor),
  };
}

export interface Page<T> {
  rows: T[];
  prevCursor: string | null;
  nextCursor: string | null;
}

/** Turns the `limit + 1` rows fetched by `keysetQuery` into a page with both cursors. */
export function toPage<T extends { id: string }>(
  fetched: T[],
  query: { backwards: boolean; hasCursor: boolean },
  limit: number,
  keyOf: (row: T) => string,
): Page<T> {
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (query.backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasPrev = query.backwards ? more : query.hasCursor;
  const hasNext = query.backwards ? true : more;
  return {
    rows,
    prevCursor: hasPrev && first ? encodeCursor({ key: keyOf(first), id: first.id }) : null,
    nextCursor: hasNext && last ? encodeCursor({ key: keyOf(last), id: last.id }) : null,
  };
}
