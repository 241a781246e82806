import Link from "next/link";

/** A change in a list: its key and title, linked to its page, with one line of detail under it. */
export function ChangeLink({
  changeKey,
  title,
  detail,
}: {
  changeKey: string;
  title: string;
  detail: React.ReactNode;
}) {
  return (
    <>
      <Link href={`/changes/${changeKey}`} className="font-medium text-brand-700 hover:underline">
        <span className="font-mono text-slate-600">{changeKey}</span> {title}
      </Link>
      <span className="block text-xs text-slate-600">{detail}</span>
    </>
  );
}
