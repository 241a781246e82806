"use client";
// The bell: unread count, the latest notifications, and "mark all read". Refreshed every 30 s.
import { formatDateTime } from "@/components/ui/date";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";

interface Notifications {
  unread: number;
  items: {
    id: string;
    kind: string;
    title: string;
    body: string;
    link: string;
    readAt: string | null;
    createdAt: string;
  }[];
}

export const notificationKeys = { all: ["notifications"] as const };

export function NotificationBell() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const { data } = useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => fetchJson<Notifications>("/api/v1/notifications"),
    refetchInterval: 30_000,
  });
  const markAll = useMutation({
    mutationFn: () => fetchJson("/api/v1/notifications/read", { method: "POST", body: "{}" }),
    onMutate: async () => {
      await client.cancelQueries({ queryKey: notificationKeys.all });
      const previous = client.getQueryData<Notifications>(notificationKeys.all);
      if (previous)
        client.setQueryData<Notifications>(notificationKeys.all, {
          unread: 0,
          items: previous.items.map((i) => ({
            ...i,
            readAt: i.readAt ?? new Date().toISOString(),
          })),
        });
      return { previous };
    },
    onError: (_e, _v, context) =>
      context?.previous && client.setQueryData(notificationKeys.all, context.previous),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !panel.current?.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  const unread = data?.unread ?? 0;

  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label={`Notifications${unread ? `, ${unread} unread` : ""}`}
        className="relative rounded-md p-1.5 text-slate-300 hover:bg-slate-800 hover:text-white"
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M10 2a6 6 0 0 0-6 6v3.59l-1.7 1.7A1 1 0 0 0 3 15h14a1 1 0 0 0 .7-1.7L16 11.58V8a6 6 0 0 0-6-6Zm0 16a3 3 0 0 1-2.83-2h5.66A3 3 0 0 1 10 18Z" />
        </svg>
        {unread ? (
          <span className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-5 text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          role="dialog"
          aria-label="Notifications"
          className="absolute bottom-10 left-0 z-40 w-96 max-w-[80vw] rounded-lg bg-white shadow-xl ring-1 ring-slate-200"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            <button
              type="button"
              onClick={() => markAll.mutate()}
              disabled={!unread}
              className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
            >
              Mark all read
            </button>
          </div>
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {(data?.items ?? []).map((n) => (
              <li key={n.id} className={n.readAt ? "" : "bg-brand-50/50"}>
                <Link
                  href={n.link}
                  onClick={() => setOpen(false)}
                  className="block px-4 py-2.5 hover:bg-slate-50"
                >
                  <p className="text-sm font-medium text-slate-900">{n.title}</p>
                  <p className="line-clamp-2 text-xs text-slate-600">{n.body}</p>
                  <p className="mt-0.5 text-[11px] text-slate-600">{formatDateTime(n.createdAt)}</p>
                </Link>
              </li>
            ))}
            {data && data.items.length === 0 ? (
              <li className="px-4 py-6 text-center text-sm text-slate-600">Nothing yet.</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
