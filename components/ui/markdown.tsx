"use client";
// Markdown from people (comments, notes), rendered by react-markdown with GitHub's extensions
// (remark-gfm) through rehype-sanitize's GitHub-like allow-list: no raw HTML, no script URLs, no
// event handlers (README, "Libraries"). A ```suggestion block is a suggested change the author
// can copy.
import { useState } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

function Suggestion({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="my-2 overflow-hidden rounded-md border border-emerald-300">
      <div className="flex items-center justify-between bg-emerald-50 px-2 py-1 text-xs font-medium text-emerald-900">
        <span>Suggested change</span>
        <button
          type="button"
          className="rounded px-1.5 py-0.5 text-emerald-900 ring-1 ring-emerald-300 hover:bg-emerald-100"
          onClick={async () => {
            await navigator.clipboard?.writeText(code);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre className="overflow-x-auto bg-white px-2 py-1.5 font-mono text-xs text-slate-900">
        {code || "(remove the lines)"}
      </pre>
    </div>
  );
}

const COMPONENTS: Components = {
  pre: ({ children }) => <>{children}</>,
  code: ({ className, children }) => {
    const text = String(children ?? "");
    const block = /language-|\n/.test(`${className ?? ""}${text}`);
    if (className?.includes("language-suggestion"))
      return <Suggestion code={text.replace(/\n$/, "")} />;
    return block ? (
      <pre className="my-2 overflow-x-auto rounded bg-slate-100 px-2 py-1.5 font-mono text-xs text-slate-900">
        <code>{text}</code>
      </pre>
    ) : (
      <code className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">{text}</code>
    );
  },
  a: ({ href, children }) => (
    <a href={href} className="text-brand-700 underline" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-comment space-y-2 break-words text-sm text-slate-800 [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        components={COMPONENTS}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
