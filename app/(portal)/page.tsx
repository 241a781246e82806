import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guards";
import { homeFor } from "@/lib/authz/home";

export default async function Home() {
  const user = await requirePage("portal:use", "/");
  redirect(homeFor(user));
}
