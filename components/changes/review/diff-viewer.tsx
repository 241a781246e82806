"use client";
// The diff, file by file (react-diff-view, syntax-highlighted with refractor), unified or split,
// each file collapsible with a saved "Viewed" mark, large files shown a page at a time, the
// detected risks and the conversation threads shown under the lines they are on, the hunks the
// disclosure says the AI wrote marked, and j / k to move between files.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import {
  Decoration,
  Diff,
  Hunk,
  getChangeKey,
  tokenize,
  type ChangeData,
  type HunkData,
} from "react-diff-view";
import refractor from "refractor/core";
import typescript from "refractor/lang/typescript";
import tsx from "refractor/lang/tsx";
import javascript from "refractor/lang/javascript";
import jsx from "refractor/lang/jsx";
import python from "refractor/lang/python";
import go from "refractor/lang/go";
import java from "refractor/lang/java";
import sql from "refractor/lang/sql";
import hcl from "refractor/lang/hcl";
import yaml from "refractor/lang/yaml";
import json from "refractor/lang/json";
import bash from "refractor/lang/bash";
import ruby from "refractor/lang/ruby";
import css from "refractor/lang/css";
import markdown from "refractor/lang/markdown";
import "react-diff-view/style/index.css";
import { fetchJson } from "@/lib/query/fetch-json";
import { DiffError, filePath, parseUnifiedDiff, type DiffFile } from "@/lib/domain/diff/parse";
import type { RiskHit } from "@/lib/domain/risk/detect";
import { RISK_LABEL } from "@/lib/domain/risk/flags";
import { hunkIsAiWritten, type LineRange } from "@/lib/domain/transcripts/ai-wrote";
import type { ThreadView } from "@/lib/server/changes/threads";
import { CommentForm, ThreadCard, type NewAnchor, type ResolveRight } from "./threads";

for (const lang of [
  typescript,
  tsx,
  javascript,
  jsx,
  python,
  go,
  java,
  sql,
  hcl,
  yaml,
  json,
  bash,
  ruby,
  css,
  markdown,
])
  refractor.register(lang);

const LANGUAGE: Record<string, string> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  py: "python",
  go: "go",
  java: "java",
  kt: "java",
  sql: "sql",
  tf: "hcl",
  tfvars: "hcl",
  hcl: "hcl",
  yml: "yaml",
  yaml: "yaml",
  json: "json",
  sh: "bash",
  bash: "bash",
  rb: "ruby",
  css: "css",
  md: "markdown",
};

const PAGE = 400;

function languageOf(path: string): string | null {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return LANGUAGE[ext] ?? null;
}

function pageOfHunks(
  hunks: HunkData[],
  limit: number,
): { hunks: HunkData[]; shown: number; total: number } {
  const total = hunks.reduce((n, h) => n + h.changes.length, 0);
  const out: HunkData[] = [];
  let shown = 0;
  for (const hunk of hunks) {
    if (shown >= limit) break;
    out.push(hunk);
    shown += hunk.changes.length;
  }
  return { hunks: out, shown: Math.min(shown, total), total };
}

export type ViewType = "unified" | "split";

/** What the diff needs to show and start conversations. */
export interface DiffThreads {
  threads: ThreadView[];
  canComment: boolean;
  resolveRight: ResolveRight;
}

type Side = "OLD" | "NEW";

/** The line a change is on, for the side a click or a thread is on. */
function lineOn(change: ChangeData, side: Side): number | null {
  if (change.type === "normal") return side === "OLD" ? change.oldLineNumber : change.newLineNumber;
  if (change.type === "insert") return side === "NEW" ? change.lineNumber : null;
  return side === "OLD" ? change.lineNumber : null;
}

function FileDiff({
  file,
  hits,
  viewed,
  onViewed,
  changeKey,
  revision,
  viewType,
  conversation,
  aiWritten,
}: {
  file: DiffFile;
  hits: RiskHit[];
  viewed: boolean;
  onViewed: (v: boolean) => void;
  changeKey: string;
  revision: number;
  viewType: ViewType;
  conversation: DiffThreads;
  aiWritten: LineRange[] | "all" | undefined;
}) {
  const path = filePath(file);
  const [open, setOpen] = useState(!viewed);
  const [limit, setLimit] = useState(PAGE);
  const [draft, setDraft] = useState<NewAnchor | null>(null);
  const paged = useMemo(
    () => pageOfHunks(file.hunks as unknown as HunkData[], limit),
    [file.hunks, limit],
  );
  const tokens = useMemo(() => {
    const language = languageOf(path);
    if (!language || paged.total > 4000) return undefined;
    try {
      return tokenize(paged.hunks, { highlight: true, refractor, language });
    } catch {
      return undefined;
    }
  }, [paged, path]);
  // Each side's line number → the change shown on it.
  const bySide = useMemo(() => {
    const map = { OLD: new Map<number, ChangeData>(), NEW: new Map<number, ChangeData>() };
    for (const hunk of paged.hunks)
      for (const change of hunk.changes)
        for (const side of ["OLD", "NEW"] as const) {
          const line = lineOn(change, side);
          if (line !== null) map[side].set(line, change);
        }
    return map;
  }, [paged.hunks]);
  const threads = useMemo(
    () => conversation.threads.filter((t) => t.placed?.path === path),
    [conversation.threads, path],
  );
  const widgets = useMemo(() => {
    const map: Record<string, React.ReactNode[]> = {};
    const add = (change: ChangeData | undefined, node: React.ReactNode) => {
      if (!change) return;
      (map[getChangeKey(change)] ??= []).push(node);
    };
    for (const hunk of paged.hunks) {
      for (const change of hunk.changes) {
        const here = hits.filter(
          (h) =>
            h.line !== null &&
            ((h.side === "added" && change.type === "insert") ||
              (h.side === "removed" && change.type === "delete")) &&
            "lineNumber" in change &&
            change.lineNumber === h.line,
        );
        if (here.length)
          add(
            change,
            <div
              key="risk"
              role="note"
              className="border-l-4 border-amber-400 bg-amber-50 px-3 py-1.5 text-xs text-amber-900"
            >
              {here.map((h) => `${h.title} (${RISK_LABEL[h.flag]})`).join(" · ")}
            </div>,
          );
      }
    }
    for (const thread of threads) {
      const placed = thread.placed!;
      add(
        bySide[placed.side].get(placed.endLine),
        <div key={thread.id} className="bg-slate-50 px-3 py-2 font-sans">
          <ThreadCard
            changeKey={changeKey}
            thread={thread}
            resolveRight={conversation.resolveRight}
          />
        </div>,
      );
    }
    if (draft) {
      const posted = draft;
      add(
        bySide[draft.side].get(draft.endLine),
        <div key="draft" className="bg-slate-50 px-3 py-2 font-sans">
          <p className="mb-1 text-xs text-slate-600">
            New comment on {draft.startLine === draft.endLine ? "line" : "lines"} {draft.startLine}
            {draft.startLine === draft.endLine ? "" : `–${draft.endLine}`} (
            {draft.side === "OLD" ? "old" : "new"} side)
          </p>
          <CommentForm
            url={`/api/v1/changes/${changeKey}/threads`}
            payload={{ revision, ...draft }}
            label={`Comment on ${path} line ${draft.startLine}`}
            submitLabel="Add comment"
            autoFocus
            // Close this box only: a comment still posting must not close a box the person
            // has since opened on another line.
            onDone={() => setDraft((d) => (d === posted ? null : d))}
            onCancel={() => setDraft(null)}
          />
        </div>,
      );
    }
    return Object.fromEntries(Object.entries(map).map(([k, nodes]) => [k, <>{nodes}</>]));
  }, [paged.hunks, hits, threads, bySide, draft, changeKey, revision, path, conversation]);
  const selected = useMemo(() => {
    if (!draft) return [];
    const keys: string[] = [];
    for (let line = draft.startLine; line <= draft.endLine; line++) {
      const change = bySide[draft.side].get(line);
      if (change) keys.push(getChangeKey(change));
    }
    return keys;
  }, [draft, bySide]);
  const aiKeys = useMemo(() => {
    const keys = new Set<string>();
    for (const hunk of paged.hunks)
      if (hunkIsAiWritten(aiWritten, hunk))
        for (const change of hunk.changes) keys.add(getChangeKey(change));
    return keys;
  }, [paged.hunks, aiWritten]);
  const pick = (change: ChangeData | null, side: Side, extend: boolean) => {
    const line = change ? lineOn(change, side) : null;
    if (line === null) return;
    if (extend && draft && draft.side === side)
      setDraft({
        ...draft,
        startLine: Math.min(draft.startLine, line),
        endLine: Math.max(draft.endLine, line),
      });
    else setDraft({ path, side, startLine: line, endLine: line });
  };
  const added = file.hunks.reduce(
    (n, h) => n + h.changes.filter((c) => c.type === "insert").length,
    0,
  );
  const removed = file.hunks.reduce(
    (n, h) => n + h.changes.filter((c) => c.type === "delete").length,
    0,
  );
  const pathHits = hits.filter((h) => h.line === null);
  const mark = useMutation({
    mutationFn: (value: boolean) =>
      fetchJson(`/api/v1/changes/${changeKey}/views`, {
        method: "PUT",
        body: JSON.stringify({ revision, path, viewed: value }),
      }),
  });

  return (
    <section
      aria-label={`File ${path}`}
      data-diff-file
      className="overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-file-toggle
          className="flex min-w-0 items-center gap-2 text-left"
        >
          <span
            aria-hidden
            className={`text-slate-600 transition-transform ${open ? "rotate-90" : ""}`}
          >
            ›
          </span>
          <span className="truncate font-mono text-sm text-slate-900">{path}</span>
          <span className="text-xs tabular-nums">
            <span className="text-emerald-700">+{added}</span>{" "}
            <span className="text-red-700">−{removed}</span>
          </span>
          {file.type !== "modify" ? (
            <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700">{file.type}</span>
          ) : null}
          {aiWritten ? (
            <span className="rounded bg-violet-100 px-1.5 text-xs text-violet-900">
              {aiWritten === "all" ? "AI-written" : "partly AI-written"}
            </span>
          ) : null}
          {hits.length ? (
            <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">
              {hits.length} risk{hits.length === 1 ? "" : "s"}
            </span>
          ) : null}
          {threads.length ? (
            <span className="rounded bg-brand-50 px-1.5 text-xs text-brand-800">
              {threads.length} thread{threads.length === 1 ? "" : "s"}
            </span>
          ) : null}
        </button>
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={viewed}
            onChange={(e) => {
              onViewed(e.target.checked);
              mark.mutate(e.target.checked, { onError: () => onViewed(!e.target.checked) });
              if (e.target.checked) setOpen(false);
            }}
          />
          Viewed
        </label>
      </header>
      {pathHits.length ? (
        <p className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {pathHits.map((h) => `${h.title} (${RISK_LABEL[h.flag]})`).join(" · ")}
        </p>
      ) : null}
      {open ? (
        <div className="overflow-x-auto text-xs">
          {file.isBinary ? (
            <p className="px-3 py-2 text-slate-600">Binary file.</p>
          ) : (
            <Diff
              viewType={viewType}
              diffType={file.type}
              hunks={paged.hunks}
              tokens={tokens}
              widgets={widgets}
              selectedChanges={selected}
              generateLineClassName={({ changes, defaultGenerate }) =>
                changes.some((c) => aiKeys.has(getChangeKey(c)))
                  ? `${defaultGenerate() ?? ""} diff-line-ai`
                  : defaultGenerate()
              }
              renderGutter={
                conversation.canComment
                  ? ({ change, side, renderDefault }) => {
                      const s: Side = side === "old" ? "OLD" : "NEW";
                      const clickable =
                        (s === "NEW" && change.type !== "delete") ||
                        (s === "OLD" && change.type === "delete");
                      const line = lineOn(change, s);
                      if (!clickable || line === null) return renderDefault();
                      return (
                        <button
                          type="button"
                          className="w-full text-right hover:text-brand-700 focus:text-brand-700"
                          aria-label={`Comment on line ${line} of ${path}`}
                          title="Comment on this line (shift-click to extend the range)"
                          onClick={(e) => pick(change, s, e.shiftKey)}
                        >
                          {renderDefault()}
                        </button>
                      );
                    }
                  : undefined
              }
            >
              {(hunks) =>
                hunks.flatMap((hunk) => {
                  const ai = hunkIsAiWritten(aiWritten, hunk);
                  const rows = [<Hunk key={hunk.content} hunk={hunk} />];
                  if (ai)
                    rows.unshift(
                      <Decoration key={`ai-${hunk.content}`} className="diff-decoration-ai">
                        <span className="block px-3 py-1 font-sans text-xs font-medium text-violet-900">
                          AI-written hunk (per the disclosure) · {hunk.content}
                        </span>
                      </Decoration>,
                    );
                  return rows;
                })
              }
            </Diff>
          )}
          {paged.shown < paged.total ? (
            <div className="flex items-center justify-between border-t border-slate-200 px-3 py-2 text-sm">
              <span className="text-slate-600">
                Showing {paged.shown} of {paged.total} lines.
              </span>
              <button
                type="button"
                onClick={() => setLimit(limit + PAGE)}
                className="font-medium text-brand-700 hover:underline"
              >
                Show {Math.min(PAGE, paged.total - paged.shown)} more lines
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** j / k (or n / p) move to the next / previous file, unless the person is typing. */
function useFileKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      const step = e.key === "j" || e.key === "n" ? 1 : e.key === "k" || e.key === "p" ? -1 : 0;
      if (!step) return;
      const files = [...document.querySelectorAll<HTMLElement>("[data-diff-file]")];
      if (!files.length) return;
      const current = files.findIndex((f) => f.contains(document.activeElement));
      const next =
        current === -1
          ? step > 0
            ? 0
            : files.length - 1
          : Math.min(files.length - 1, Math.max(0, current + step));
      const toggle = files[next]!.querySelector<HTMLElement>("[data-file-toggle]");
      toggle?.focus();
      files[next]!.scrollIntoView({ block: "start" });
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

export function DiffViewer({
  changeKey,
  revision,
  diff,
  paths,
  hits,
  viewed,
  onViewedChange,
  viewType,
  conversation,
  aiWritten,
}: {
  changeKey: string;
  revision: number;
  diff: string | null;
  paths: string[];
  hits: RiskHit[];
  viewed: string[];
  onViewedChange: (paths: string[]) => void;
  viewType: ViewType;
  conversation: DiffThreads;
  /** path → the lines the disclosure says the AI wrote. */
  aiWritten: Record<string, LineRange[] | "all">;
}) {
  useFileKeys();
  const parsed = useMemo(() => {
    if (!diff) return null;
    try {
      return parseUnifiedDiff(diff).files;
    } catch (error) {
      return error instanceof DiffError ? error : null;
    }
  }, [diff]);
  const set = (path: string, value: boolean) =>
    onViewedChange(value ? [...new Set([...viewed, path])] : viewed.filter((p) => p !== path));

  if (!parsed || parsed instanceof DiffError) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-slate-600">
          No diff was attached to this revision; review it in the pull request. Mark each file as
          you check it:
        </p>
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          {paths.map((path) => (
            <li key={path} className="flex items-center justify-between px-3 py-2">
              <span className="font-mono text-sm">
                {path}
                {aiWritten[path] ? (
                  <span className="ml-2 rounded bg-violet-100 px-1.5 font-sans text-xs text-violet-900">
                    AI-written
                  </span>
                ) : null}
              </span>
              <ViewedToggle
                changeKey={changeKey}
                revision={revision}
                path={path}
                viewed={viewed.includes(path)}
                onChange={(v) => set(path, v)}
              />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600" aria-live="polite">
        {viewed.filter((p) => paths.includes(p)).length} of {paths.length} files viewed
      </p>
      {parsed.map((file) => {
        const path = filePath(file);
        return (
          <FileDiff
            key={path}
            file={file}
            hits={hits.filter((h) => h.file === path)}
            viewed={viewed.includes(path)}
            onViewed={(v) => set(path, v)}
            changeKey={changeKey}
            revision={revision}
            viewType={viewType}
            conversation={conversation}
            aiWritten={aiWritten[path]}
          />
        );
      })}
    </div>
  );
}

function ViewedToggle({
  changeKey,
  revision,
  path,
  viewed,
  onChange,
}: {
  changeKey: string;
  revision: number;
  path: string;
  viewed: boolean;
  onChange: (v: boolean) => void;
}) {
  const mark = useMutation({
    mutationFn: (value: boolean) =>
      fetchJson(`/api/v1/changes/${changeKey}/views`, {
        method: "PUT",
        body: JSON.stringify({ revision, path, viewed: value }),
      }),
  });
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-700">
      <input
        type="checkbox"
        checked={viewed}
        onChange={(e) => {
          onChange(e.target.checked);
          mark.mutate(e.target.checked, { onError: () => onChange(!e.target.checked) });
        }}
        aria-label={`Viewed ${path}`}
      />
      Viewed
    </label>
  );
}
