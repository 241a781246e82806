"use client";
// The incident's timeline: notes in time order, and a form to add one.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/field";

export interface NoteView {
  id: string;
  at: string;
  text: string;
  author: string;
}

export function IncidentTimeline({
  incidentKey,
  notes,
  canWrite,
}: {
  incidentKey: string;
  notes: NoteView[];
  canWrite: boolean;
}) {
  const router = useRouter();
  const [text, setText] = useState("");
  const add = useMutation({
    mutationFn: () =>
      fetchJson(`/api/v1/incidents/${incidentKey}/notes`, {
        method: "POST",
        body: JSON.stringify({ text }),
      }),
    onSuccess: () => {
      setText("");
      router.refresh();
    },
  });
  return (
    <div className="px-5 py-4">
      {notes.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing on the timeline yet.</p>
      ) : (
        <ol className="relative space-y-3 border-l border-slate-200 pl-4">
          {notes.map((n) => (
            <li key={n.id}>
              <span
                aria-hidden
                className="absolute -left-1.5 mt-1.5 size-3 rounded-full border-2 border-white bg-brand-600"
              />
              <p className="text-xs text-slate-600">
                <time dateTime={n.at}>{n.at.slice(0, 16).replace("T", " ")} UTC</time> · {n.author}
              </p>
              <p className="text-sm whitespace-pre-wrap text-slate-900">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <form
          className="mt-4 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Label htmlFor="note-text">Add to the timeline</Label>
          <Textarea
            id="note-text"
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="What happened, what you tried, what changed"
          />
          {add.error ? (
            <p role="alert" className="text-sm text-red-700">
              {add.error.message}
            </p>
          ) : null}
          <Button type="submit" size="sm" disabled={add.isPending || !text.trim()}>
            Add note
          </Button>
        </form>
      ) : null}
    </div>
  );
}
