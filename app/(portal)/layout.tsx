import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/authz/can";
import { LEVEL_LABEL } from "@/lib/domain/levels";
import { QueryProvider } from "@/lib/query/provider";
import { NAV_ITEMS } from "@/components/shell/nav";
import { SidebarLink } from "@/components/shell/sidebar-link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { NotificationBell } from "@/components/shell/notification-bell";
import { Logo } from "@/components/brand/logo";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePage("portal:use");
  const items = NAV_ITEMS.filter((item) => can(user, item.permission));
  const roles = user.roles.map((r) => r.charAt(0) + r.slice(1).toLowerCase());
  return (
    <QueryProvider>
      <div className="flex min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <aside className="w-56 shrink-0 bg-slate-900">
          <div className="sticky top-0 flex h-screen flex-col px-3 py-4">
            <Link href="/" className="mb-6 flex items-center gap-2 px-2 text-white">
              <Logo className="size-7" />
              <span className="text-base font-semibold tracking-tight">Countersign</span>
            </Link>
            <nav aria-label="Main" className="flex-1 space-y-1">
              {items.map((item) => (
                <SidebarLink key={item.href} href={item.href} label={item.label} />
              ))}
            </nav>
            <div className="border-t border-slate-800 px-2 pt-4" data-testid="whoami">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-white">{user.name}</p>
                  <p className="truncate text-xs text-slate-400">
                    {LEVEL_LABEL[user.level]}
                    {roles.length ? ` · ${roles.join(", ")}` : ""}
                  </p>
                  <p className="truncate text-xs text-slate-400">@{user.handle}</p>
                </div>
                <NotificationBell />
              </div>
              <div className="-ml-2 mt-2">
                <SignOutButton />
              </div>
            </div>
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-8 py-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </QueryProvider>
  );
}
