// Issue 17, defects 1 and 2: a Countersign killed with SIGKILL leaves its PostgreSQL running, and
// the next start must not refuse; a PostgreSQL that dies must come back by itself.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
import { supervise, type SupervisorState } from "./supervise";

const dataDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), "cs-embedded-")), "pg");

async function answers(server: EmbeddedServer): Promise<number> {
  const client = new pg.Client({ connectionString: server.url("postgres") });
  await client.connect();
  try {
    return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
  } finally {
    await client.end();
  }
}

const postmasterPid = (dir: string) =>
  Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);

describe("the embedded PostgreSQL", () => {
  it("starts on a data directory whose PostgreSQL a killed Countersign left running", async () => {
    const dir = dataDir();
    const holder = spawn(
      process.execPath,
      ["--import", "tsx", "lib/testing/hold-embedded.ts", dir],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
      holder.once("exit", (code) => reject(new Error(`holder exited ${code}`)));
    });
    const orphan = postmasterPid(dir);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(() => process.kill(orphan, 0)).not.toThrow(); // still running, its parent gone

    const lines: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir: dir,
      persistent: true,
      warn: (l) => lines.push(l),
    });
    try {
      expect(await answers(server)).toBe(1);
      expect(lines.join("\n")).toMatch(/did not stop cleanly/);
      expect(() => process.kill(orphan, 0)).toThrow();
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("is restarted with backoff when it dies unasked, and says so", async () => {
    const dir = dataDir();
    const start = () => startEmbeddedPostgres({ dataDir: dir, persistent: true });
    const first = await start();
    const states: SupervisorState[] = [];
    const supervisor = supervise(
      first,
      () => startEmbeddedPostgres({ dataDir: dir, persistent: true, port: first.port }),
      {
        log: () => {},
        onState: (s) => states.push(s),
      },
    );
    try {
      process.kill(postmasterPid(dir), "SIGKILL");
      for (let waited = 0; supervisor.state().restarts === 0; waited += 200) {
        if (waited > 60_000) throw new Error("not restarted within 60 s");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(states.map((s) => s.state)).toEqual(["running", "restarting", "running"]);
      expect(supervisor.state()).toMatchObject({ state: "running", restarts: 1 });
      expect(await answers(first)).toBe(1); // same port, same URL
    } finally {
      await supervisor.stop();
    }
  }, 120_000);
});
