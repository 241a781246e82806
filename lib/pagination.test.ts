import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, keysetQuery, toPage } from "./pagination";

describe("cursors", () => {
  it("round-trips", () => {
    const cursor = { key: 'Checkout api, "quoted" ü', id: "abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  it.each([
    "",
    "not-base64!",
    Buffer.from("{}").toString("base64url"),
    Buffer.from('["a"]').toString("base64url"),
    Buffer.from("[1,2]").toString("base64url"),
  ])("ignores a malformed cursor %j", (value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});

describe("keyset pages", () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ id: `id${i}`, name: `n${i}` }));
  // Simulates the database side of keysetQuery on an ordered list.
  function fetch(after?: string, before?: string, limit = 3) {
    const q = keysetQuery("name", { after, before, limit });
    const b = decodeCursor(before);
    const a = b ? null : decodeCursor(after);
    let candidates = rows.filter((r) => (b ? r.name < b.key : a ? r.name > a.key : true));
    if (q.backwards) candidates = [...candidates].reverse();
    return toPage(candidates.slice(0, q.take), q, limit, (r) => r.name);
  }

  it("walks forward and back", () => {
    const p1 = fetch();
    expect(p1.rows.map((r) => r.id)).toEqual(["id0", "id1", "id2"]);
    expect(p1.prevCursor).toBeNull();
    const p2 = fetch(p1.nextCursor!);
    expect(p2.rows.map((r) => r.id)).toEqual(["id3", "id4", "id5"]);
    const p3 = fetch(p2.nextCursor!);
    expect(p3.rows.map((r) => r.id)).toEqual(["id6"]);
    expect(p3.nextCursor).toBeNull();
    const back = fetch(undefined, p3.prevCursor!);
    expect(back.rows.map((r) => r.id)).toEqual(["id3", "id4", "id5"]);
    const first = fetch(undefined, back.prevCursor!);
    expect(first.rows.map((r) => r.id)).toEqual(["id0", "id1", "id2"]);
    expect(first.prevCursor).toBeNull();
  });

  it("builds an OR on (key, id) for ties", () => {
    const q = keysetQuery("name", { after: encodeCursor({ key: "m", id: "5" }), limit: 10 });
    expect(q.where).toEqual({ OR: [{ name: { gt: "m" } }, { name: "m", id: { gt: "5" } }] });
    expect(q.take).toBe(11);
  });
});
