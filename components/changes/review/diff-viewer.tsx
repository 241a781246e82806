"use client";
// The diff, file by file (react-diff-view, syntax-highlighted with refractor), each file
// collapsible with a saved "Viewed" mark, large files shown a page at a time, and the detected
// risks shown under the lines they were found on.
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Diff, Hunk, getChangeKey, tokenize, type HunkData } from "react-diff-view";
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

function FileDiff({
  file,
  hits,
  viewed,
  onViewed,
  changeKey,
  revision,
}: {
  file: DiffFile;
  hits: RiskHit[];
  viewed: boolean;
  onViewed: (v: boolean) => void;
  changeKey: string;
  revision: number;
}) {
  const path = filePath(file);
  const [open, setOpen] = useState(!viewed);
  const [limit, setLimit] = useState(PAGE);
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
  const widgets = useMemo(() => {
    const map: Record<string, React.ReactNode> = {};
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
        if (here.length) {
          map[getChangeKey(change)] = (
            <div
              role="note"
              className="border-l-4 border-amber-400 bg-amber-50 px-3 py-1.5 text-xs text-amber-900"
            >
              {here.map((h) => `${h.title} (${RISK_LABEL[h.flag]})`).join(" · ")}
            </div>
          );
        }
      }
    }
    return map;
  }, [paged.hunks, hits]);
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
      className="overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          className="flex min-w-0 items-center gap-2 text-left"
        >
          <span
            aria-hidden
            className={`text-slate-400 transition-transform ${open ? "rotate-90" : ""}`}
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
          {hits.length ? (
            <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">
              {hits.length} risk{hits.length === 1 ? "" : "s"}
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
              viewType="unified"
              diffType={file.type}
              hunks={paged.hunks}
              tokens={tokens}
              widgets={widgets}
            >
              {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
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

export function DiffViewer({
  changeKey,
  revision,
  diff,
  paths,
  hits,
  viewed,
  onViewedChange,
}: {
  changeKey: string;
  revision: number;
  diff: string | null;
  paths: string[];
  hits: RiskHit[];
  viewed: string[];
  onViewedChange: (paths: string[]) => void;
}) {
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
              <span className="font-mono text-sm">{path}</span>
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
