// The command line's remote commands, for people in a repository and for pipelines: `submit` (a
// change from the current branch, its AI disclosure pre-filled from commit trailers) and `gate`
// (may this change deploy? exit 0 yes, 1 no, 2 usage or connection error). They talk to the API
// with COUNTERSIGN_URL and COUNTERSIGN_TOKEN only, so `npm run build:cli` can bundle them into one
// file a CI job runs with plain node (README, "Command line").
import { createHash } from "node:crypto";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { inferDisclosure } from "../../lib/domain/changes/ai-trailers.ts";
import { AI_EXTENTS, type AiExtent } from "../../lib/domain/policy/minimum-level.ts";
import { ApiProblem, UsageError, apiFromEnv, type Api } from "./client.ts";
import { parseDuration } from "./duration.ts";
import { assertRepository, branchState, defaultBase, repositoryFromRemote } from "./git.ts";

/** Exit codes: the gate's answer, or a problem with how it was asked. */
export const EXIT = { allowed: 0, notAllowed: 1, usage: 2 } as const;

export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const out = (line = "") => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Prompts only where a person can answer: a terminal, and not CI. */
const interactive = () => Boolean(process.stdin.isTTY) && !process.env.CI;

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

function explain(problem: ApiProblem): string {
  const fields = problem.details.map((d) => `\n  ${d.field}: ${d.message}`).join("");
  return `${problem.message}${fields}`;
}

/** Runs a command: usage and connection problems exit 2, with one readable line. */
async function run(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    if (error instanceof Exit) code = error.code;
    else if (error instanceof UsageError) {
      err(`error: ${error.message}`);
      code = EXIT.usage;
    } else if (error instanceof ApiProblem) {
      err(`error: ${explain(error)}`);
      code = EXIT.usage;
    } else throw error;
  }
  process.exit(code);
}

interface GateAnswer {
  key: string;
  allowed: boolean;
  status: string;
  reason: string;
  unmet: { system: string; needed: number; have: number; why: string }[];
  freeze: { active: boolean; systems: string[] };
  emergency: boolean;
}

function printGate(gate: GateAnswer) {
  if (gate.allowed) {
    out(`${gate.key} may deploy: ${gate.reason}`);
    return;
  }
  out(`${gate.key} may not deploy (${gate.status.toLowerCase()}): ${gate.reason}`);
  for (const u of gate.unmet) out(`  ${u.system}: ${u.have} of ${u.needed} — ${u.why}`);
  if (gate.freeze.active) out(`  frozen: ${gate.freeze.systems.join(", ")}`);
}

async function askGate(
  api: Api,
  target: { key?: string; commit?: string; repository?: string },
): Promise<GateAnswer | null> {
  try {
    return target.key
      ? await api.get<GateAnswer>(`/changes/${encodeURIComponent(target.key)}/gate`)
      : await api.get<GateAnswer>(
          `/gate?${new URLSearchParams({ repository: target.repository!, commit: target.commit! })}`,
        );
  } catch (error) {
    // A commit nobody submitted may not deploy: the gate's "no", not a usage error.
    if (error instanceof ApiProblem && error.status === 404 && !target.key) {
      out(`may not deploy: ${error.message}`);
      return null;
    }
    throw error;
  }
}

interface SubmitOptions {
  base?: string;
  title?: string;
  intent?: string;
  repository?: string;
  aiExtent?: string;
  aiTools?: string;
  aiWrote?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerRemoteCommands(program: Command): void {
  program
    .command("gate")
    .description(
      "may this change deploy now? exit 0: yes; 1: no (the unmet requirements are printed); 2: usage or connection error",
    )
    .argument("[key]", "the change's key, e.g. CR-12")
    .option("--commit <sha>", "ask by commit instead of key (with --repository)")
    .option("--repository <org/name>", "the repository of --commit (default: the origin remote)")
    .option("--wait <duration>", "poll until allowed or this long has passed, e.g. 30m")
    .option("--interval <duration>", "how often --wait asks", "15s")
    .addHelpText(
      "after",
      "\nEnvironment: COUNTERSIGN_URL (the portal), COUNTERSIGN_TOKEN (a token with gate:read).",
    )
    .action(
      (
        key: string | undefined,
        o: { commit?: string; repository?: string; wait?: string; interval: string },
      ) =>
        run(async () => {
          if (Boolean(key) === Boolean(o.commit))
            throw new UsageError("give a change key, or --commit <sha> (with --repository)");
          const repository = o.commit
            ? (o.repository ?? repositoryFromRemote() ?? undefined)
            : undefined;
          if (o.commit && !repository)
            throw new UsageError("--commit needs --repository <org/name> (no origin remote here)");
          const waitMs = o.wait === undefined ? 0 : parseDuration(o.wait);
          const everyMs = parseDuration(o.interval);
          if (waitMs === null) throw new UsageError(`--wait: not a duration: ${o.wait}`);
          if (!everyMs) throw new UsageError(`--interval: not a duration: ${o.interval}`);
          const api = apiFromEnv();
          const until = Date.now() + waitMs;
          for (;;) {
            const gate = await askGate(api, { key, commit: o.commit, repository });
            if (gate) printGate(gate);
            if (gate?.allowed) return EXIT.allowed;
            if (Date.now() + everyMs > until) return EXIT.notAllowed;
            err(`waiting ${Math.round(everyMs / 1000)} s for sign-off…`);
            await new Promise((resolve) => setTimeout(resolve, everyMs));
          }
        }),
    );

  program
    .command("submit")
    .description(
      "submit the current branch as a change: the diff against the base, the AI disclosure from commit trailers",
    )
    .option("--base <ref>", "diff against this ref (default: the upstream's default branch)")
    .option("--title <text>", "the change's title (default: the first commit's subject)")
    .option("--intent <text>", "why the change is needed, in your own words (asked in a terminal)")
    .option("--repository <org/name>", "as Countersign knows it (default: the origin remote)")
    .option("--ai-extent <extent>", `how much an AI wrote: ${AI_EXTENTS.join(", ")}`)
    .option("--ai-tools <a,b>", "the AI tools used (default: from the trailers)")
    .option("--ai-wrote <text>", "which parts the AI wrote (default: from the trailers)")
    .option("--dry-run", "print the routing preview only; submit nothing")
    .option("--json", "print the change as JSON")
    .addHelpText(
      "after",
      "\nEnvironment: COUNTERSIGN_URL, COUNTERSIGN_TOKEN (a token with changes:write).\n" +
        "In CI (or without a terminal) nothing is guessed: what the trailers do not say must be passed.",
    )
    .action((o: SubmitOptions) => run(() => submit(o)));
}

async function required(value: string | undefined, flag: string, question: string, why: string) {
  if (value?.trim()) return value.trim();
  if (!interactive()) throw new UsageError(`pass ${flag}: ${why} (submit does not guess in CI)`);
  const answer = await ask(question);
  if (!answer) throw new UsageError(`${flag} is required: ${why}`);
  return answer;
}

async function submit(o: SubmitOptions): Promise<number> {
  assertRepository();
  const state = branchState(o.base ?? defaultBase());
  if (!state.diff.trim())
    throw new UsageError(`nothing to submit: HEAD has no changes against ${state.base}`);
  const repository = o.repository ?? repositoryFromRemote();
  if (!repository) throw new UsageError("pass --repository <org/name> (no origin remote here)");
  const inferred = inferDisclosure(state.commits);
  for (const e of inferred.evidence) err(`found ${e.trailer} in ${e.sha.slice(0, 7)} (${e.tool})`);

  let aiExtent = (o.aiExtent?.toUpperCase() ?? inferred.aiExtent) as AiExtent | null;
  if (!aiExtent) {
    const answer = await required(
      undefined,
      "--ai-extent",
      `How much of this change did an AI write? (${AI_EXTENTS.join(", ")}) `,
      "no commit trailer discloses AI use (Assisted-by:, Generated-by:, Co-authored-by:)",
    );
    aiExtent = answer.toUpperCase() as AiExtent;
  }
  if (!AI_EXTENTS.includes(aiExtent))
    throw new UsageError(`--ai-extent must be one of ${AI_EXTENTS.join(", ")}`);
  let aiTools = o.aiTools
    ? o.aiTools
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean)
    : inferred.aiTools;
  if (aiExtent !== "NONE" && aiTools.length === 0)
    aiTools = (
      await required(
        undefined,
        "--ai-tools",
        "Which AI tools? (comma-separated) ",
        "name the AI tools used",
      )
    )
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  const fromTrailers = inferred.evidence.length
    ? `Per their trailers: ${[...new Set(inferred.evidence.map((e) => e.sha))]
        .map((sha) => {
          const c = state.commits.find((x) => x.sha === sha)!;
          return `${sha.slice(0, 7)} "${c.subject}"`;
        })
        .join(", ")}.`
    : undefined;
  const aiWrote = ["GENERATED", "AGENTIC"].includes(aiExtent)
    ? await required(
        o.aiWrote ?? fromTrailers,
        "--ai-wrote",
        "Which parts did the AI write? ",
        "say which parts the AI wrote",
      )
    : (o.aiWrote ?? "");
  const api = apiFromEnv();

  if (o.dryRun) {
    const preview = await api.post<{
      systems: { slug: string; tier: number }[];
      requirements: {
        system: { slug: string; tier: number };
        approvalsRequired: number;
        minLevel: string;
        principalRequired: boolean;
        assigned: string[];
      }[];
      warnings: string[];
    }>("/routing/preview", { repository, diff: state.diff, aiExtent });
    if (o.json) {
      out(JSON.stringify(preview, null, 2));
      return EXIT.allowed;
    }
    out(
      `Routing preview for ${repository} (${state.commits.length} commits on ${state.branch ?? "HEAD"}), nothing submitted:`,
    );
    for (const r of preview.requirements)
      out(
        `  ${r.system.slug} (tier ${r.system.tier}): ${r.approvalsRequired} × ${r.minLevel}+${r.principalRequired ? ", one a PRINCIPAL" : ""}; would ask ${r.assigned.map((h) => `@${h}`).join(", ") || "nobody yet"}`,
      );
    for (const w of preview.warnings) out(`  warning: ${w}`);
    return EXIT.allowed;
  }

  const title = o.title ?? state.commits[0]?.subject;
  const intent = await required(
    o.intent,
    "--intent",
    "Why is this change needed? (in your own words) ",
    "say why the change is needed, in your own words",
  );
  // The same branch head submitted twice (a retried CI job) answers the same change.
  const idempotencyKey = createHash("sha256")
    .update(`${repository}\n${state.head}\n${state.mergeBase}`)
    .digest("hex");
  const saved = await api.post<{ key: string; status: string }>(
    "/changes",
    {
      repository,
      diff: state.diff,
      aiExtent,
      ...(aiTools.length ? { aiTools } : {}),
      submit: true,
      title,
      intent,
      commit: state.head,
      ...(state.branch ? { headRef: state.branch } : {}),
      baseRef: state.base,
      ...(aiWrote ? { aiWrote } : {}),
    },
    { "idempotency-key": idempotencyKey },
  );
  const change = await api.get<{
    key: string;
    url: string;
    status: string;
    requirements: { system: string; progress: string }[];
    reviewers: { handle: string; name: string; level: string; state: string }[];
  }>(`/changes/${saved.key}`);
  if (o.json) {
    out(JSON.stringify(change, null, 2));
    return EXIT.allowed;
  }
  out(`${change.key} ${change.status.toLowerCase()}: ${api.base}${change.url}`);
  out("Sign-off needed:");
  for (const r of change.requirements) out(`  ${r.system}: ${r.progress}`);
  out(
    `Reviewers: ${change.reviewers.map((r) => `@${r.handle} (${r.name}, ${r.level})`).join(", ") || "none assigned yet"}`,
  );
  return EXIT.allowed;
}
