// Number formats the dashboard shares. Pure.
export const percent = (r: number | null, digits = 1) =>
  r === null ? "–" : `${(r * 100).toFixed(digits)}%`;
export const hours = (h: number | null) =>
  h === null ? "–" : h < 1 ? `${Math.round(h * 60)} min` : `${h.toFixed(1)} h`;
export const count = (n: number | null) => (n === null ? "–" : n.toLocaleString("en-US"));
export const weekLabel = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
