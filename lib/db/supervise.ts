// Keeps the embedded PostgreSQL running (docs/decisions/0015-operations.md): when it dies without
// being asked to stop, start it again with backoff, log each attempt, and report the state so that
// the health endpoint can say so. Only `npm start` supervises; the web app reads the state file.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { EmbeddedServer } from "./embedded";

/** Waits before restart attempt `attempt` (0-based): 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempt));
}

export interface SupervisorState {
  state: "running" | "restarting" | "stopped";
  restarts: number;
  /** When PostgreSQL last died unasked (ISO), and when it came back. */
  lastExitAt: string | null;
  lastRestartAt: string | null;
}

export interface Supervised {
  /** No more restarts: the process is shutting down (signals may stop PostgreSQL first). */
  release: () => void;
  stop: () => Promise<void>;
  state: () => SupervisorState;
}

export function supervise(
  first: EmbeddedServer,
  restart: () => Promise<EmbeddedServer>,
  options: { log: (line: string) => void; onState?: (state: SupervisorState) => void },
): Supervised {
  let server = first;
  let stopping = false;
  const state: SupervisorState = {
    state: "running",
    restarts: 0,
    lastExitAt: null,
    lastRestartAt: null,
  };
  const publish = () => options.onState?.({ ...state });

  const watch = (s: EmbeddedServer) =>
    s.onExit(() => {
      if (stopping) return;
      state.state = "restarting";
      state.lastExitAt = new Date().toISOString();
      publish();
      options.log("embedded PostgreSQL exited unexpectedly: restarting it");
      void bringBack();
    });

  async function bringBack() {
    const died = Date.now();
    for (let attempt = 0; !stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
      if (stopping) return;
      try {
        server = await restart();
      } catch (error) {
        options.log(
          `embedded PostgreSQL restart attempt ${attempt + 1} failed: ${(error as Error).message.split("\n")[0]}; next in ${backoffMs(attempt + 1) / 1000} s`,
        );
        continue;
      }
      if (stopping) return void (await server.stop());
      state.state = "running";
      state.restarts++;
      state.lastRestartAt = new Date().toISOString();
      publish();
      options.log(
        `embedded PostgreSQL restarted after ${((Date.now() - died) / 1000).toFixed(1)} s (restart ${state.restarts})`,
      );
      watch(server);
      return;
    }
  }

  watch(first);
  publish();
  return {
    state: () => ({ ...state }),
    release: () => {
      stopping = true;
    },
    stop: async () => {
      stopping = true;
      state.state = "stopped";
      publish();
      await server.stop();
    },
  };
}

/** What `npm start` says about this instance (lib/server/health.ts reads it). */
export interface InstanceStatus {
  /** Set on SIGTERM: readiness answers 503 while requests in flight finish. */
  draining?: boolean;
  /** Only with the embedded PostgreSQL, which `npm start` supervises. */
  supervisor?: SupervisorState;
}

export function readInstanceStatus(file: string | undefined): InstanceStatus | null {
  if (!file || !existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as InstanceStatus;
  } catch {
    return null;
  }
}

/** Merges `patch` into the status file (written whole: a reader never sees half of it). */
export function updateInstanceStatus(file: string, patch: InstanceStatus) {
  const next = { ...readInstanceStatus(file), ...patch };
  writeFileSync(`${file}.tmp`, JSON.stringify(next), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
