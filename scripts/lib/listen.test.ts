import { describe, expect, it } from "vitest";
import { listenAddress } from "./listen";

describe("listenAddress", () => {
  it.each<[string | undefined, boolean, string, RegExp]>([
    [undefined, true, "127.0.0.1", /127\.0\.0\.1 only/],
    ["", true, "127.0.0.1", /127\.0\.0\.1 only/],
    ["0.0.0.0", true, "0.0.0.0", /every network interface; WARNING: demo mode/],
    ["10.1.2.3", true, "10.1.2.3", /http:\/\/10\.1\.2\.3:3000 .*WARNING/],
    [undefined, false, "0.0.0.0", /every network interface\)$/],
    ["127.0.0.1", false, "127.0.0.1", /only/],
  ])("HOST=%j demo %s → %s", (host, demo, expected, summary) => {
    const listen = listenAddress({ host, demo, port: 3000 });
    expect(listen.host).toBe(expected);
    expect(listen.summary).toMatch(summary);
  });
});
