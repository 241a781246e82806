import { describe, expect, it } from "vitest";
import { cameFrom } from "./back-link";

const O = "https://cs.example";
describe("where the person came from", () => {
  it.each([
    [`${O}/queue?tier=1`, { href: "/queue?tier=1", label: "Review queue" }],
    [`${O}/search?q=is%3Aopen`, { href: "/search?q=is%3Aopen", label: "Search results" }],
    [`${O}/incidents/INC-200`, { href: "/incidents/INC-200", label: "INC-200" }],
    [`${O}/changes`, { href: "/changes", label: "My changes" }],
    ["https://evil.example/queue", null],
    [`${O}/changes/CR-1`, null],
    ["", null],
    ["not a url", null],
  ])("%j -> %j", (referrer, back) => {
    expect(cameFrom(referrer, O, "/changes/CR-1")).toEqual(back);
  });
});
