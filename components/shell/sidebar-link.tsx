"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function SidebarLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  // "My changes" lights up on its own list only: not on "/changes/new" (its own item), and not on
  // a change's page, which may be someone else's.
  const active = pathname === href || (pathname.startsWith(`${href}/`) && href !== "/changes");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "block rounded-md px-3 py-2 text-sm font-medium",
        active
          ? "bg-slate-800 text-white"
          : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
      )}
    >
      {label}
    </Link>
  );
}
