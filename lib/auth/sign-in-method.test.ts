import { describe, expect, it } from "vitest";
import { sessionMethodAccepted } from "./sign-in-method";

describe("sessionMethodAccepted", () => {
  it.each<[unknown, boolean, boolean, boolean]>([
    ["demo", true, false, true],
    ["demo", false, false, false],
    ["demo", false, true, false], // demo off, single sign-on on: the demo cookie is refused
    ["oidc", false, true, true],
    ["oidc", true, false, false], // single sign-on turned off since
    [undefined, true, true, false], // a session from before methods were recorded
    ["credentials", true, true, false],
    ["", true, true, false],
    [null, true, true, false],
  ])("%j with demo %s, oidc %s: %s", (method, demo, oidc, accepted) => {
    expect(sessionMethodAccepted(method, { demo, oidc })).toBe(accepted);
  });
});
