"use client";
// The AI's reasoning beside the code (docs/decisions/0014-reviewer-workplace.md): the sessions
// attached to the change, prompts and the assistant's stated reasoning first, everything else
// one click away; and, for the change's authors, the upload.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { Role } from "@/lib/domain/transcripts/parse";
import type { TranscriptView } from "@/lib/server/changes/transcripts";
import { formatDateTime } from "@/components/ui/date";
import { Markdown } from "@/components/ui/markdown";

const MAX_BYTES = 5 * 1024 * 1024;
const SHOWN = 200;

const ROLE: Record<Role, { label: string; className: string }> = {
  user: { label: "Prompt", className: "border-brand-300 bg-brand-50" },
  reasoning: { label: "Reasoning", className: "border-violet-300 bg-violet-50" },
  assistant: { label: "Assistant", className: "border-slate-200 bg-white" },
  tool: { label: "Tool", className: "border-slate-200 bg-slate-50" },
  system: { label: "System", className: "border-slate-200 bg-slate-50" },
  text: { label: "Text", className: "border-slate-200 bg-white" },
};

function Session({ transcript }: { transcript: TranscriptView }) {
  const [everything, setEverything] = useState(false);
  const [limit, setLimit] = useState(SHOWN);
  const structured = transcript.messages.some((m) => m.role !== "text");
  const shown = transcript.messages.filter(
    (m) => everything || !structured || m.role === "user" || m.role === "reasoning",
  );
  const prompts = transcript.messages.filter((m) => m.role === "user").length;
  return (
    <section aria-label={`AI session ${transcript.fileName}`} className="space-y-2">
      <header className="text-xs text-slate-600">
        <p className="font-medium text-slate-900">
          {transcript.fileName} <span className="font-normal">({transcript.source})</span>
        </p>
        <p>
          {prompts} prompt{prompts === 1 ? "" : "s"}, {transcript.messages.length} messages ·
          uploaded by {transcript.uploadedBy}, {formatDateTime(transcript.createdAt)}
          {transcript.secretsMasked
            ? ` · ${transcript.secretsMasked} secret${transcript.secretsMasked === 1 ? "" : "s"} masked`
            : ""}
        </p>
        {structured ? (
          <label className="mt-1 flex items-center gap-1.5 text-slate-700">
            <input
              type="checkbox"
              checked={everything}
              onChange={(e) => setEverything(e.target.checked)}
            />
            Show replies and tool calls too
          </label>
        ) : null}
      </header>
      <ol className="space-y-2">
        {shown.slice(0, limit).map((m, i) => (
          <li key={i} className={`rounded-md border-l-4 px-2.5 py-1.5 ${ROLE[m.role].className}`}>
            <p className="text-[0.7rem] font-semibold uppercase tracking-wide text-slate-600">
              {ROLE[m.role].label}
            </p>
            {m.role === "tool" ? (
              <pre className="max-h-40 overflow-auto whitespace-pre-wrap font-mono text-xs text-slate-800">
                {m.text}
              </pre>
            ) : (
              <Markdown>{m.text.length > 20_000 ? `${m.text.slice(0, 20_000)}…` : m.text}</Markdown>
            )}
          </li>
        ))}
      </ol>
      {shown.length > limit ? (
        <button
          type="button"
          className="text-sm font-medium text-brand-700 hover:underline"
          onClick={() => setLimit(limit + SHOWN)}
        >
          Show {Math.min(SHOWN, shown.length - limit)} more
        </button>
      ) : null}
    </section>
  );
}

function Upload({ changeKey }: { changeKey: string }) {
  const router = useRouter();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_BYTES) throw new Error("The file is larger than 5 MB.");
      return fetchJson<{ messages: number; secretsMasked: number }>(
        `/api/v1/changes/${changeKey}/transcripts`,
        {
          method: "POST",
          body: JSON.stringify({ fileName: file.name, content: await file.text() }),
        },
      );
    },
    onSuccess: () => {
      setProblem(null);
      router.refresh();
    },
    onError: (error) =>
      setProblem(
        error instanceof ApiError && Array.isArray(error.details)
          ? (error.details as { field: string; message: string }[])
              .map((d) => `${d.field}: ${d.message}`)
              .join("; ")
          : error.message,
      ),
  });
  return (
    <div className="rounded-md border border-dashed border-slate-300 p-3 text-sm">
      <label htmlFor={id} className="font-medium text-slate-800">
        Attach the AI session
      </label>
      <p className="mb-2 text-xs text-slate-600">
        An export from Claude Code, Codex, ChatGPT, Claude, Aider or Cursor (JSON, JSONL, Markdown
        or text, up to 5 MB). Tokens and keys are masked before it is stored.
      </p>
      <input
        id={id}
        type="file"
        accept=".json,.jsonl,.ndjson,.md,.markdown,.txt,application/json,text/plain,text/markdown"
        disabled={upload.isPending}
        aria-describedby={`${id}-error`}
        className="block w-full text-xs text-slate-700 file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-slate-800"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = "";
        }}
      />
      {upload.isPending ? <p className="mt-1 text-xs text-slate-600">Uploading…</p> : null}
      {problem ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export function TranscriptPanel({
  changeKey,
  transcripts,
  sessionUrl,
  canUpload,
}: {
  changeKey: string;
  transcripts: TranscriptView[];
  sessionUrl: string | null;
  canUpload: boolean;
}) {
  return (
    <aside
      aria-labelledby="ai-session-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <h2 id="ai-session-title" className="text-base font-semibold text-slate-900">
        AI session
      </h2>
      {sessionUrl ? (
        <p className="text-sm">
          <a
            href={sessionUrl}
            rel="noopener noreferrer nofollow"
            target="_blank"
            className="text-brand-700 underline"
          >
            Open the linked session ↗
          </a>
        </p>
      ) : null}
      {transcripts.length === 0 && !sessionUrl ? (
        <p className="text-sm text-slate-600">No AI session is attached to this change.</p>
      ) : null}
      {transcripts.map((t) => (
        <Session key={t.id} transcript={t} />
      ))}
      {canUpload ? <Upload changeKey={changeKey} /> : null}
    </aside>
  );
}
