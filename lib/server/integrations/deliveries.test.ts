import { describe, expect, it } from "vitest";
import { pullRequestOf } from "./deliveries";

describe("pullRequestOf", () => {
  it.each([
    [
      "GITHUB",
      "pull_request.opened",
      {
        action: "opened",
        number: 2,
        pull_request: { number: 2 },
        repository: { full_name: "a/b" },
      },
      { repository: "a/b", number: 2 },
    ],
    [
      "GITHUB",
      "pull_request.synchronize",
      { action: "synchronize", pull_request: { number: 5 }, repository: { full_name: "a/b" } },
      { repository: "a/b", number: 5 },
    ],
    [
      "GITHUB",
      "pull_request.labeled",
      { action: "labeled" },
      { ignored: "pull_request.labeled changes nothing here" },
    ],
    ["GITHUB", "ping", {}, { ignored: "ping: the connection works" }],
    ["GITHUB", "push", {}, { ignored: "push events change nothing here" }],
    [
      "GITLAB",
      "Merge Request Hook",
      {
        project: { id: 7, path_with_namespace: "g/p" },
        object_attributes: { iid: 3, action: "update" },
      },
      { repository: "g/p", projectId: "7", number: 3 },
    ],
    [
      "GITLAB",
      "Merge Request Hook",
      { object_attributes: { iid: 3, action: "approved" } },
      { ignored: "merge request approved changes nothing here" },
    ],
    ["GITLAB", "Push Hook", {}, { ignored: "Push Hook events change nothing here" }],
  ] as const)("%s %s", (kind, event, payload, expected) => {
    expect(pullRequestOf(kind, event, payload as never)).toEqual(expected);
  });
});
