import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Nothing here</h1>
        <p className="mt-2 text-sm text-slate-600">
          The page or record does not exist, or you cannot see it.
        </p>
        <Link href="/" className={buttonClass("secondary", "md", "mt-6")}>
          Go to your home page
        </Link>
      </div>
    </main>
  );
}
