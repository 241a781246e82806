export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col items-center justify-center px-6 py-14 text-center">
      <div
        aria-hidden
        className="mb-3 grid size-10 place-items-center rounded-full bg-slate-100 text-slate-600"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M9 3a6 6 0 1 0 3.87 10.59l3.27 3.27a1 1 0 0 0 1.42-1.42l-3.27-3.27A6 6 0 0 0 9 3Zm-4 6a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" />
        </svg>
      </div>
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {children ? <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
