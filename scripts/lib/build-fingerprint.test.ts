import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildNeeded, FINGERPRINT_FILE, sourceFingerprint } from "./build-fingerprint";

function checkout() {
  const root = mkdtempSync(path.join(os.tmpdir(), "cs-build-"));
  mkdirSync(path.join(root, "app"), { recursive: true });
  mkdirSync(path.join(root, ".next"), { recursive: true });
  writeFileSync(path.join(root, "app/page.tsx"), "export default () => 'v1';");
  writeFileSync(path.join(root, ".next/BUILD_ID"), "abc");
  return root;
}

describe("npm start rebuilds when the sources changed (issue 17, defect 4)", () => {
  it("builds when there is no build", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "cs-build-"));
    expect(buildNeeded(root)).toBe("no production build yet");
  });

  it("rebuilds a build that does not record its sources (made before this check)", () => {
    expect(buildNeeded(checkout())).toBe("the build does not record its sources");
  });

  it("keeps a build made from these sources, and rebuilds after a pull changed one", () => {
    const root = checkout();
    writeFileSync(path.join(root, FINGERPRINT_FILE), sourceFingerprint(root));
    expect(buildNeeded(root)).toBeNull();
    writeFileSync(path.join(root, "app/page.tsx"), "export default () => 'v2';");
    expect(buildNeeded(root)).toBe("the sources changed since the last build");
  });

  it("ignores tests and screenshots, which the build does not read", () => {
    const root = checkout();
    writeFileSync(path.join(root, FINGERPRINT_FILE), sourceFingerprint(root));
    writeFileSync(path.join(root, "app/page.test.tsx"), "test");
    expect(buildNeeded(root)).toBeNull();
  });
});
