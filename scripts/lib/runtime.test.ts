// The server's memory flags are for `next start` only: `next build` type-checks the whole project
// and needs more than the server's old-generation cap (npm start on a fresh checkout builds first,
// and ran out of heap under the cap).
import { describe, expect, it } from "vitest";
import { nextCommandEnv, SERVER_NODE_OPTIONS } from "./runtime.ts";

describe("the environment npm start gives Next", () => {
  it.each([
    [["start", "--port", "3000"], true],
    [["build"], false],
    [["dev", "--port", "3000"], false],
  ])("next %j: the server's memory flags %s", (args, capped) => {
    const env = nextCommandEnv(args, {
      NODE_ENV: "production",
      NODE_OPTIONS: "--enable-source-maps",
      PORT: "3000",
    });
    expect(env.PORT).toBe("3000");
    expect(env.NODE_OPTIONS).toContain("--enable-source-maps");
    expect(env.NODE_OPTIONS!.includes(SERVER_NODE_OPTIONS)).toBe(capped);
  });

  it("without NODE_OPTIONS of the caller's, a build gets none", () => {
    expect(nextCommandEnv(["build"], { NODE_ENV: "production" }).NODE_OPTIONS).toBeUndefined();
    expect(nextCommandEnv(["start"], { NODE_ENV: "production" }).NODE_OPTIONS).toBe(
      SERVER_NODE_OPTIONS,
    );
  });
});
