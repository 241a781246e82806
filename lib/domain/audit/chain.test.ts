import { describe, expect, it } from "vitest";
import canonicalize from "canonicalize";
import {
  GENESIS_HASH,
  canonicalAroundSeq,
  canonicalEvent,
  checkLink,
  hashEvent,
  storablePayload,
  type StoredEvent,
} from "./chain";
import { auditEventSchema, AUDIT_ACTIONS } from "./events";

const base = {
  at: new Date("2026-11-22T10:00:00.123Z"),
  actorType: "USER" as const,
  actorId: "u1",
  actorName: "Ada Lovelace (@ada)",
  action: "system.updated",
  subjectType: "system",
  subjectId: "s1",
  subjectLabel: "checkout-api",
  changeKey: null,
};

function chain(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event = { ...base, seq, payload: { before: { tier: 2 }, after: { tier: seq } } };
    const hash = hashEvent(prev, event);
    events.push({ ...event, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

function verify(events: StoredEvent[]) {
  let previous: StoredEvent | null = null;
  for (const event of events) {
    const problem = checkLink(previous, event);
    if (problem) return problem;
    previous = event;
  }
  return null;
}

describe("canonical JSON (RFC 8785)", () => {
  it("does not depend on key order", () => {
    const a = canonicalEvent({ ...base, seq: 1, payload: { b: 1, a: { d: 2, c: 3 } } });
    const b = canonicalEvent({ ...base, seq: 1, payload: { a: { c: 3, d: 2 }, b: 1 } });
    expect(a).toBe(b);
    expect(a).toContain('"payload":{"a":{"c":3,"d":2},"b":1}');
  });

  it("serialises numbers the ECMAScript way", () => {
    expect(canonicalEvent({ ...base, seq: 1, payload: { n: 1.0, m: 1e21, k: 0.1 } })).toContain(
      '{"k":0.1,"m":1e+21,"n":1}',
    );
  });
});

describe("the envelope written out", () => {
  const strings = [
    "",
    "plain",
    'quote " and \\ backslash',
    "line\nbreak",
    "ünïcödé ✓",
    "emoji 🙂",
    "\u2028\u2029",
    "<script>",
  ];
  it.each(strings.flatMap((s, i) => [[s, strings[(i + 3) % strings.length]!]]))(
    "equals canonicalize() of the whole event (%j, %j)",
    (a, b) => {
      const event = {
        ...base,
        seq: 17,
        actorName: a,
        subjectLabel: b,
        changeKey: b || null,
        actorId: null,
        payload: { [a]: [b, 1.5, null, true, { z: a, a: b }] },
      };
      const whole = canonicalize({
        seq: 17,
        at: event.at.toISOString(),
        actor: { type: event.actorType, id: event.actorId, name: event.actorName },
        action: event.action,
        subject: { type: event.subjectType, id: event.subjectId, label: event.subjectLabel },
        changeKey: event.changeKey,
        payload: event.payload,
      });
      expect(canonicalEvent(event)).toBe(whole);
      expect(JSON.parse(canonicalEvent(event))).toEqual(JSON.parse(whole!));
    },
  );
});

describe("canonicalAroundSeq", () => {
  it.each([1, 42, 1_000_000])("joins back to the canonical JSON for seq %i", (seq) => {
    const event = { ...base, payload: { seq: 0, subject: { note: ',"seq":0,"subject":{' } } };
    const { head, tail } = canonicalAroundSeq(event);
    expect(head + String(seq) + tail).toBe(canonicalEvent({ ...event, seq }));
  });
});

describe("the hash chain", () => {
  it("verifies an intact chain", () => {
    expect(verify(chain(5))).toBeNull();
  });

  it.each([
    [
      "a payload edited",
      (e: StoredEvent[]): void =>
        void (e[2]!.payload = { before: { tier: 2 }, after: { tier: 1 } }),
      3,
      /altered/,
    ],
    [
      "an actor renamed",
      (e: StoredEvent[]): void => void (e[3]!.actorName = "Mallory"),
      4,
      /altered/,
    ],
    [
      "a time moved",
      (e: StoredEvent[]): void => void (e[1]!.at = new Date("2026-01-01T00:00:00Z")),
      2,
      /altered/,
    ],
    [
      "an event deleted",
      (e: StoredEvent[]): void => void e.splice(2, 1),
      4,
      /sequence gap: expected 3, found 4/,
    ],
    [
      "an event re-hashed after an edit",
      (e: StoredEvent[]): void => {
        e[2]!.payload = { forged: true };
        e[2]!.hash = hashEvent(e[2]!.prevHash, e[2]!);
      },
      4,
      /previous hash/,
    ],
    [
      "the first event's previous hash changed",
      (e: StoredEvent[]): void => void (e[0]!.prevHash = "f".repeat(64)),
      1,
      /previous hash/,
    ],
  ] as const)("names the first broken event when %s", (_name, tamper, seq, problem) => {
    const events = chain(6);
    tamper(events);
    const result = verify(events);
    expect(result?.seq).toBe(seq);
    expect(result?.problem).toMatch(problem);
  });
});

describe("storable payloads", () => {
  it("replaces NUL characters and drops undefined", () => {
    expect(storablePayload({ a: "x\u0000y", b: undefined, c: [1, undefined] })).toEqual({
      a: "x\uFFFDy",
      c: [1, null],
    });
  });
});

describe("event types", () => {
  it("accepts a known action with its payload", () => {
    expect(
      auditEventSchema.safeParse({
        action: "system.updated",
        subjectType: "system",
        payload: { before: { tier: 1 }, after: { tier: 2 } },
      }).success,
    ).toBe(true);
  });
  it.each([
    [{ action: "system.deleted", subjectType: "system", payload: {} }],
    [{ action: "system.updated", subjectType: "team", payload: { before: 1, after: 2 } }],
    [{ action: "auth.signed_in", subjectType: "session", payload: {} }],
    [
      {
        action: "audit.exported",
        subjectType: "audit",
        payload: { format: "xml", via: "ui", filters: {} },
      },
    ],
  ])("refuses %j", (event) => {
    expect(auditEventSchema.safeParse(event).success).toBe(false);
  });
  it("lists every action", () => {
    expect(AUDIT_ACTIONS).toContain("auth.signed_in");
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});
