import { describe, expect, it } from "vitest";
import { genericIncidentEvent, pagerDutyEvent, severityOf } from "./incident-events";

const pagerDuty = (over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  event: {
    id: "01DEN1HNLBC1VITYQUMOCZWMQC",
    event_type: "incident.triggered",
    resource_type: "incident",
    occurred_at: "2026-12-06T03:10:00.000Z",
    agent: null,
    client: null,
    data: {
      id: "PGR0VU2",
      type: "incident",
      html_url: "https://acme.pagerduty.com/incidents/PGR0VU2",
      number: 2,
      status: "triggered",
      created_at: "2026-12-06T03:09:00Z",
      title: "A little bump in the road",
      service: { id: "PF9KMXH", summary: "API Service", type: "service_reference" },
      priority: { id: "PSO75BM", summary: "P2", type: "priority_reference" },
      urgency: "high",
      ...data,
    },
    ...over,
  },
});

describe("PagerDuty V3 events", () => {
  it("reads a triggered incident", () => {
    expect(pagerDutyEvent(pagerDuty())).toEqual({
      eventId: "01DEN1HNLBC1VITYQUMOCZWMQC",
      type: "triggered",
      externalId: "PGR0VU2",
      title: "A little bump in the road",
      serviceId: "PF9KMXH",
      severity: "SEV2",
      url: "https://acme.pagerduty.com/incidents/PGR0VU2",
      startedAt: new Date("2026-12-06T03:09:00Z"),
      occurredAt: new Date("2026-12-06T03:10:00.000Z"),
    });
  });

  it.each([
    ["incident.acknowledged", "acknowledged"],
    ["incident.resolved", "resolved"],
  ])("%s is %s", (type, expected) => {
    expect(pagerDutyEvent(pagerDuty({ event_type: type }))).toMatchObject({ type: expected });
  });

  it("ignores other events and says why, and a payload that is not one", () => {
    expect(pagerDutyEvent(pagerDuty({ event_type: "incident.annotated" }))).toEqual({
      ignored: "incident.annotated changes nothing Countersign keeps",
    });
    expect(pagerDutyEvent({ event: { id: "x" } })).toHaveProperty("ignored");
    expect(pagerDutyEvent("nope")).toHaveProperty("ignored");
  });

  it("makes a short title long enough to keep", () => {
    expect(pagerDutyEvent(pagerDuty({}, { title: "Down" }))).toMatchObject({
      title: "PagerDuty incident PGR0VU2: Down",
    });
  });
});

describe("severityOf", () => {
  it.each([
    ["P1", undefined, "SEV1"],
    ["P3", "high", "SEV3"],
    ["P5", undefined, "SEV4"],
    [null, "high", "SEV2"],
    [null, "low", "SEV4"],
    ["urgent", undefined, "SEV2"],
  ] as const)("%s / %s -> %s", (priority, urgency, severity) => {
    expect(severityOf(priority, urgency)).toBe(severity);
  });
});

describe("the generic incident webhook", () => {
  const event = {
    id: "evt-81f2",
    event: "triggered",
    incident: {
      id: "INC-4471",
      title: "Checkout error rate above 5%",
      service: "checkout-api",
      startedAt: "2026-12-06T03:12:00Z",
    },
    at: "2026-12-06T03:14:00Z",
  };

  it("reads it, SEV2 when no severity is given", () => {
    expect(genericIncidentEvent(event)).toMatchObject({
      eventId: "evt-81f2",
      type: "triggered",
      externalId: "INC-4471",
      serviceId: "checkout-api",
      severity: "SEV2",
      url: null,
    });
  });

  it("names what is wrong", () => {
    expect(genericIncidentEvent({ ...event, event: "exploded" })).toEqual({
      ignored: expect.stringContaining("event"),
    });
    expect(genericIncidentEvent({ ...event, extra: 1 })).toHaveProperty("ignored");
  });
});
