"use client";
// Conversation threads on a change (docs/decisions/0014-reviewer-workplace.md): shown under the
// lines they are on in the diff, and in the conversation list (general threads, and threads whose
// lines are gone from the current revision, marked outdated). Comments are Markdown.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { ThreadView } from "@/lib/server/changes/threads";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Textarea } from "@/components/ui/field";
import { Markdown } from "@/components/ui/markdown";
import { formatDateTime } from "@/components/ui/date";

export interface NewAnchor {
  path: string;
  side: "OLD" | "NEW";
  startLine: number;
  endLine: number;
}

/** A comment box: a new thread (on lines, or general) or a reply. */
export function CommentForm({
  url,
  payload,
  label,
  submitLabel,
  onDone,
  onCancel,
  autoFocus,
}: {
  url: string;
  payload: Record<string, unknown>;
  label: string;
  submitLabel: string;
  onDone?: () => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const post = useMutation({
    mutationFn: () =>
      fetchJson(url, { method: "POST", body: JSON.stringify({ ...payload, body }) }),
    onSuccess: () => {
      setBody("");
      onDone?.();
      router.refresh();
    },
  });
  const problem =
    post.error instanceof ApiError && Array.isArray(post.error.details)
      ? (post.error.details as { field: string; message: string }[])
          .map((d) => `${d.field}: ${d.message}`)
          .join("; ")
      : post.error?.message;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        post.mutate();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Textarea
        id={id}
        rows={3}
        value={body}
        autoFocus={autoFocus}
        onChange={(e) => setBody(e.target.value)}
        placeholder="Markdown; @handle mentions; ```suggestion for a suggested change"
        aria-describedby={`${id}-error`}
        aria-invalid={problem ? true : undefined}
      />
      <FieldError id={`${id}-error`}>{problem}</FieldError>
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" disabled={post.isPending || !body.trim()}>
          {post.isPending ? "Posting…" : submitLabel}
        </Button>
        {onCancel ? (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function lines(t: { startLine: number | null; endLine: number | null }) {
  if (t.startLine === null) return "";
  return t.endLine !== null && t.endLine !== t.startLine
    ? `lines ${t.startLine}–${t.endLine}`
    : `line ${t.startLine}`;
}

/** Who may resolve: the thread's starter, the change's authors and its eligible reviewers. */
export interface ResolveRight {
  any: boolean;
  handle: string;
}

export function ThreadCard({
  changeKey,
  thread,
  resolveRight,
  showAnchor,
}: {
  changeKey: string;
  thread: ThreadView;
  resolveRight: ResolveRight;
  /** Show the file and the lines (in the conversation list; not under the lines themselves). */
  showAnchor?: boolean;
}) {
  const router = useRouter();
  const [replying, setReplying] = useState(false);
  const [open, setOpen] = useState(!thread.resolved);
  const resolve = useMutation({
    mutationFn: (resolved: boolean) =>
      fetchJson(`/api/v1/changes/${changeKey}/threads/${thread.id}`, {
        method: "PATCH",
        body: JSON.stringify({ resolved }),
      }),
    onSuccess: () => router.refresh(),
  });
  const first = thread.comments[0];
  const canResolve = resolveRight.any || first?.author.handle === resolveRight.handle;
  return (
    <article
      id={`thread-${thread.id}`}
      aria-label={`Thread by ${first?.author.name ?? "someone"}${thread.path ? ` on ${thread.path} ${lines(thread)}` : ""}`}
      className="scroll-mt-24 rounded-md border border-slate-200 bg-white text-sm shadow-sm"
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-1.5">
        <button
          type="button"
          className="text-left text-xs font-medium text-slate-700 hover:underline"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? "▾" : "▸"} {thread.comments.length} comment
          {thread.comments.length === 1 ? "" : "s"}
        </button>
        {showAnchor && thread.path ? (
          <span className="font-mono text-xs text-slate-600">
            {thread.path} {lines(thread)} ({thread.side === "OLD" ? "old" : "new"}, revision{" "}
            {thread.revision})
          </span>
        ) : null}
        {thread.outdated ? <Badge tone="amber">Outdated</Badge> : null}
        {thread.resolved ? (
          <Badge tone="green">Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy}` : ""}</Badge>
        ) : (
          <Badge tone="brand">Open</Badge>
        )}
      </header>
      {open ? (
        <div className="divide-y divide-slate-100">
          {thread.outdated && thread.anchorText.length ? (
            <pre className="overflow-x-auto bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-700">
              {thread.anchorText.join("\n")}
            </pre>
          ) : null}
          {thread.comments.map((c) => (
            <div key={c.id} className="px-3 py-2">
              <p className="mb-1 text-xs text-slate-600">
                <strong className="font-medium text-slate-900">{c.author.name}</strong> @
                {c.author.handle} · {formatDateTime(c.createdAt)}
                {c.revision !== thread.revision ? ` · on revision ${c.revision}` : ""}
              </p>
              <Markdown>{c.body}</Markdown>
            </div>
          ))}
          <div className="flex flex-wrap items-center gap-2 px-3 py-2">
            {replying ? (
              <div className="w-full">
                <CommentForm
                  url={`/api/v1/changes/${changeKey}/threads/${thread.id}/comments`}
                  payload={{}}
                  label="Reply"
                  submitLabel="Reply"
                  autoFocus
                  onDone={() => setReplying(false)}
                  onCancel={() => setReplying(false)}
                />
              </div>
            ) : (
              <Button size="sm" variant="secondary" onClick={() => setReplying(true)}>
                Reply
              </Button>
            )}
            {canResolve && !replying ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate(!thread.resolved)}
              >
                {thread.resolved ? "Reopen" : "Resolve"}
              </Button>
            ) : null}
            {resolve.error ? (
              <p role="alert" className="text-xs text-red-700">
                {resolve.error.message}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </article>
  );
}

/** The conversation: general threads and outdated ones, and a box for a general comment. */
export function Conversation({
  changeKey,
  revision,
  threads,
  resolveRight,
}: {
  changeKey: string;
  revision: number;
  threads: ThreadView[];
  resolveRight: ResolveRight;
}) {
  const listed = threads.filter((t) => t.placed === null);
  const open = threads.filter((t) => !t.resolved).length;
  return (
    <section aria-labelledby="conversation-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="conversation-title" className="text-base font-semibold text-slate-900">
          Conversation
        </h2>
        <p className="text-sm text-slate-600">
          {threads.length} thread{threads.length === 1 ? "" : "s"}, {open} open
        </p>
      </div>
      {listed.map((t) => (
        <ThreadCard
          key={t.id}
          changeKey={changeKey}
          thread={t}
          resolveRight={resolveRight}
          showAnchor
        />
      ))}
      <div className="rounded-md border border-slate-200 bg-white p-3">
        <CommentForm
          url={`/api/v1/changes/${changeKey}/threads`}
          payload={{ revision }}
          label="Comment on the change"
          submitLabel="Comment"
        />
        <Hint>
          Comment on a line by clicking its line number in the diff (shift-click for a range).
        </Hint>
      </div>
    </section>
  );
}
