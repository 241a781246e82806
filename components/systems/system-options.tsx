/** A <datalist> of every system's slug, for inputs that take system slugs. */
export function SystemOptions({
  id,
  systems,
}: {
  id: string;
  systems: { slug: string; name: string }[];
}) {
  return (
    <datalist id={id}>
      {systems.map((s) => (
        <option key={s.slug} value={s.slug}>
          {s.name}
        </option>
      ))}
    </datalist>
  );
}
