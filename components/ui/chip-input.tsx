"use client";
// A list of short values (handles, slugs) typed one or several at a time.
import { useState } from "react";
import { Button } from "./button";
import { FieldError, Hint, Input, Label } from "./field";
import { Suggestions, type SuggestionSource } from "./suggestions";

export function ChipInput({
  id,
  label,
  hint,
  values,
  onChange,
  prefix,
  list,
  suggest,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  values: string[];
  onChange: (v: string[]) => void;
  prefix: string;
  /** id of a <datalist> with suggestions */
  list?: string;
  /** Suggestions asked of the API as the person types (instead of `list`). */
  suggest?: SuggestionSource;
  error?: string;
}) {
  const [draft, setDraft] = useState("");
  const add = () => {
    const items = draft
      .split(/[\s,]+/)
      .map((s) => s.replace(/^@/, "").trim().toLowerCase())
      .filter(Boolean);
    if (items.length) onChange([...new Set([...values, ...items])]);
    setDraft("");
  };
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          list={suggest ? `${id}-suggestions` : list}
        />
        <Button variant="secondary" onClick={add}>
          Add
        </Button>
      </div>
      {suggest ? (
        <Suggestions
          id={`${id}-suggestions`}
          of={suggest}
          text={(draft.split(/[\s,]+/).pop() ?? "").replace(/^@/, "")}
        />
      ) : null}
      <Hint id={`${id}-hint`}>{hint}</Hint>
      <FieldError id={`${id}-error`}>{error}</FieldError>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={`${label}: current`}>
        {values.map((v) => (
          <li
            key={v}
            className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pl-2 pr-1 text-xs text-slate-800"
          >
            {prefix}
            {v}
            <button
              type="button"
              onClick={() => onChange(values.filter((x) => x !== v))}
              aria-label={`Remove ${prefix}${v}`}
              className="rounded px-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
            >
              ×
            </button>
          </li>
        ))}
        {values.length === 0 ? <li className="text-xs text-slate-600">None</li> : null}
      </ul>
    </div>
  );
}
