// The submit form's rules, apart from its markup: the empty form, the names of its fields, and
// how its values become the request body for saving and for the live routing preview. Pure.
import type { RiskFlag } from "@/lib/domain/risk/flags";
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import { DiffError, parseUnifiedDiff } from "@/lib/domain/diff/parse";

export { MAX_DIFF_BYTES } from "./content";

export interface DraftFormValues {
  title: string;
  intent: string;
  repository: string;
  prUrl: string;
  diff: string;
  paths: string;
  linesChanged: string;
  coAuthors: string[];
  /** No default: the author must choose ("None" is the first choice). */
  aiExtent: AiExtent | "";
  aiTools: string;
  aiSessionUrl: string;
  aiWrote: string;
  riskFlags: RiskFlag[];
  systems: string[];
  rollbackPlan: string;
  testEvidence: string;
  emergency: boolean;
  emergencyJustification: string;
}

export const EMPTY_DRAFT: DraftFormValues = {
  title: "",
  intent: "",
  repository: "",
  prUrl: "",
  diff: "",
  paths: "",
  linesChanged: "",
  coAuthors: [],
  aiExtent: "",
  aiTools: "",
  aiSessionUrl: "",
  aiWrote: "",
  riskFlags: [],
  systems: [],
  rollbackPlan: "",
  testEvidence: "",
  emergency: false,
  emergencyJustification: "",
};

export const AI_EXTENT_CHOICES: { value: AiExtent; label: string; help: string }[] = [
  { value: "NONE", label: "None", help: "No AI tool wrote any of it." },
  {
    value: "ASSISTED",
    label: "Assisted",
    help: "Autocomplete or chat suggestions I adapted line by line.",
  },
  {
    value: "GENERATED",
    label: "Generated",
    help: "An AI wrote whole functions or files that I reviewed.",
  },
  {
    value: "AGENTIC",
    label: "Agentic",
    help: "An agent planned and made the change across files.",
  },
];

/** Each field's label, for the error summary's links. */
export const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  intent: "Intent",
  repository: "Repository",
  prUrl: "Pull request URL",
  diff: "Diff",
  paths: "Changed paths",
  linesChanged: "Lines changed",
  coAuthors: "Co-authors",
  aiExtent: "AI extent",
  aiTools: "AI tools",
  aiSessionUrl: "Session or prompt link",
  aiWrote: "What the AI wrote",
  riskFlags: "Risk flags",
  systems: "Other affected systems",
  rollbackPlan: "Rollback plan",
  testEvidence: "Test evidence",
  emergencyJustification: "Emergency justification",
};

/** A list typed one per line or comma-separated. */
export const splitList = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export type DiffSummary =
  { ok: true; files: number; added: number; removed: number } | { ok: false; message: string };

/** What the pasted diff holds, or why it cannot be read; null when there is none. */
export function diffSummary(diff: string): DiffSummary | null {
  if (!diff.trim()) return null;
  try {
    const parsed = parseUnifiedDiff(diff);
    return {
      ok: true,
      files: parsed.paths.length,
      added: parsed.linesAdded,
      removed: parsed.linesRemoved,
    };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof DiffError ? error.message : "could not read the diff",
    };
  }
}

/** The changed content: the diff when there is one, else the listed paths and line count. */
function content(values: DraftFormValues) {
  if (values.diff.trim()) return { diff: values.diff };
  const lines = values.linesChanged.trim();
  return {
    paths: splitList(values.paths),
    ...(lines !== "" && !Number.isNaN(Number(lines)) ? { linesChanged: Number(lines) } : {}),
  };
}

/** The body of POST /api/v1/changes. */
export function changeRequestBody(values: DraftFormValues, submit: boolean, key?: string) {
  return {
    ...(key ? { key } : {}),
    submit,
    title: values.title,
    intent: values.intent,
    repository: values.repository,
    prUrl: values.prUrl,
    ...content(values),
    coAuthors: values.coAuthors,
    ...(values.aiExtent ? { aiExtent: values.aiExtent } : {}),
    aiTools: splitList(values.aiTools),
    aiSessionUrl: values.aiSessionUrl,
    aiWrote: values.aiWrote,
    riskFlags: values.riskFlags,
    systems: values.systems,
    rollbackPlan: values.rollbackPlan,
    testEvidence: values.testEvidence,
    emergency: values.emergency,
    emergencyJustification: values.emergencyJustification,
  };
}

/** The body of POST /api/v1/routing/preview, or null until there is enough to route. */
export function previewRequestBody(values: DraftFormValues) {
  const summary = diffSummary(values.diff);
  const repository = values.repository.trim();
  if (!repository || !values.aiExtent) return null;
  if (summary && !summary.ok) return null;
  if (!summary && splitList(values.paths).length === 0) return null;
  return {
    repository,
    ...content(values),
    aiExtent: values.aiExtent,
    riskFlags: values.riskFlags,
    coAuthors: values.coAuthors,
    systems: values.systems,
    emergency: values.emergency,
  };
}
