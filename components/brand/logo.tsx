export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} role="img" aria-label="Countersign">
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M9 17.5l4 4 10-11"
        fill="none"
        stroke="white"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        d="M9 11.5l2.5 2.5"
        fill="none"
        stroke="white"
        strokeOpacity=".6"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
