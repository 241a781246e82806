// One Countersign as a user runs it: `npm start` (scripts/start.ts) on its own data directory, in a
// process group of its own so a test can SIGKILL its node processes and leave PostgreSQL behind,
// as a crash does (docs/decisions/0015-operations.md, "Fault tests").
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export interface InstanceOptions {
  dataDir: string;
  port: number;
  pgPort: number;
  logFile: string;
  env?: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Instance {
  private child: ChildProcess | null = null;
  readonly base: string;

  constructor(private readonly options: InstanceOptions) {
    this.base = `http://localhost:${options.port}`;
  }

  get env(): NodeJS.ProcessEnv {
    const { DATABASE_URL: _url, DATABASE_OWNER_URL: _owner, ...rest } = process.env;
    return {
      ...rest,
      ...this.options.env,
      COUNTERSIGN_DATA_DIR: this.options.dataDir,
      PORT: String(this.options.port),
      EMBEDDED_PG_PORT: String(this.options.pgPort),
      NEXT_TELEMETRY_DISABLED: "1",
    };
  }

  /** Starts `npm start` and waits until /api/ready answers 200 (first start seeds the demo). */
  async start(timeoutMs = 600_000): Promise<number> {
    const started = Date.now();
    const log = openSync(this.options.logFile, "a");
    this.child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: this.env,
      stdio: ["ignore", log, log],
      detached: true,
    });
    await this.waitReady(timeoutMs);
    return Date.now() - started;
  }

  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child && this.child.exitCode !== null)
        throw new Error(
          `npm start exited with ${this.child.exitCode}: see ${this.options.logFile}`,
        );
      try {
        const response = await fetch(`${this.base}/api/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`not ready after ${timeoutMs / 1000} s: see ${this.options.logFile}`);
  }

  /** The embedded PostgreSQL's postmaster, from its pid file. */
  postgresPid(): number | null {
    const file = path.join(this.options.dataDir, "pg", "postmaster.pid");
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  /** The owner's URL, which `npm start` keeps in the data directory while it runs. */
  ownerUrl(): string {
    const file = path.join(this.options.dataDir, "embedded.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { url: string }).url;
  }

  /** SIGKILL every node process of the instance; PostgreSQL (not node) survives as an orphan. */
  killNode(): number[] {
    if (!this.child?.pid) return [];
    const table = execFileSync("ps", ["-eo", "pid=,pgid=,comm="], { encoding: "utf8" });
    const pids = table
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([, pgid, comm]) => Number(pgid) === this.child!.pid && comm !== "postgres")
      .map(([pid]) => Number(pid));
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    this.child = null;
    return pids;
  }

  /** A clean stop (SIGTERM), as an operator or a service manager does. */
  async stop(timeoutMs = 60_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  /** Runs the command line (scripts/cli.ts) against this instance's data directory. */
  cli(args: string[]): { code: number; stdout: string; stderr: string } {
    try {
      const stdout = execFileSync(
        process.execPath,
        ["--import", "tsx", "scripts/cli.ts", ...args],
        {
          env: this.env,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
          timeout: 300_000,
        },
      );
      return { code: 0, stdout, stderr: "" };
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      return { code: e.status ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }
}
