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
import { MobileNav } from "@/components/shell/mobile-nav";
import { GlobalSearch } from "@/components/shell/global-search";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePage("portal:use");
  const items = NAV_ITEMS.filter((item) => can(user, item.permission));
  const roles = user.roles.map((r) => r.charAt(0) + r.slice(1).toLowerCase());
  const links = items.map((item) => (
    <SidebarLink key={item.href} href={item.href} label={item.label} />
  ));
  const whoami = (
    <div className="min-w-0">
      <p className="truncate text-sm font-medium text-white">{user.name}</p>
      <p className="truncate text-xs text-slate-300">
        {LEVEL_LABEL[user.level]}
        {roles.length ? ` · ${roles.join(", ")}` : ""}
      </p>
      <p className="truncate text-xs text-slate-300">@{user.handle}</p>
    </div>
  );
  return (
    <QueryProvider>
      <div className="flex min-h-screen flex-col md:flex-row">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <MobileNav>
          <GlobalSearch />
          <nav aria-label="Main" className="mt-3 space-y-1">
            {links}
          </nav>
          <div className="mt-3 flex items-start justify-between gap-2 border-t border-slate-800 px-2 pt-3">
            {whoami}
            <div className="flex items-center gap-1">
              <NotificationBell />
              <SignOutButton />
            </div>
          </div>
        </MobileNav>
        <aside className="hidden w-56 shrink-0 bg-slate-900 md:block">
          <div className="sticky top-0 flex h-screen flex-col px-3 py-4">
            <Link href="/" className="mb-6 flex items-center gap-2 px-2 text-white">
              <Logo className="size-7" />
              <span className="text-base font-semibold tracking-tight">Countersign</span>
            </Link>
            <div className="mb-4">
              <GlobalSearch />
            </div>
            <nav aria-label="Main" className="flex-1 space-y-1">
              {links}
            </nav>
            <div className="border-t border-slate-800 px-2 pt-4" data-testid="whoami">
              <div className="flex items-start justify-between gap-2">
                {whoami}
                <NotificationBell />
              </div>
              <div className="-ml-2 mt-2">
                <SignOutButton />
              </div>
            </div>
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </QueryProvider>
  );
}
