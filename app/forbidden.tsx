import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">
          You don&apos;t have access to this page
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          Your level or role does not include this. If you think it should, ask an admin.
        </p>
        <Link href="/" className={buttonClass("secondary", "md", "mt-6")}>
          Go to your home page
        </Link>
      </div>
    </main>
  );
}
