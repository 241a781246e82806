import { requirePage } from "@/lib/auth/guards";

// This segment has a loading state, which starts the response before the page runs: the
// permission is checked here, above it, so that someone without it gets a real 403.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await requirePage("dashboard:read");
  return children;
}
