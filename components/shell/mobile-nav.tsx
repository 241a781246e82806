"use client";
// Below 768 px the sidebar folds into a menu under a top bar, so a reviewer can work the queue
// from a phone. It closes when a link is followed. Its contents mount only while it is open, so
// the copy of the bell in it does not poll beside the sidebar's.
import Link from "next/link";
import { useState } from "react";
import { Logo } from "@/components/brand/logo";

export function MobileNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="bg-slate-900 md:hidden">
      <div className="flex items-center justify-between px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-white">
          <Logo className="size-7" />
          <span className="text-base font-semibold tracking-tight">Countersign</span>
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-menu"
          onClick={() => setOpen(!open)}
          className="rounded-md px-3 py-2 text-sm font-medium text-white ring-1 ring-slate-700 hover:bg-slate-800"
        >
          {open ? "Close" : "Menu"}
        </button>
      </div>
      <div
        id="mobile-menu"
        hidden={!open}
        className="border-t border-slate-800 px-3 pb-4 pt-2"
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
        onSubmit={() => setOpen(false)}
      >
        {open ? children : null}
      </div>
    </div>
  );
}
