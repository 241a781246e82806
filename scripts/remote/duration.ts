// "90s", "15m", "2h", "1h30m" or plain seconds, as milliseconds; null when it is none of these.
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const parts = [...t.matchAll(/(\d+)(h|m|s)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== t) return null;
  const unit = { h: 3_600_000, m: 60_000, s: 1000 } as const;
  return parts.reduce((ms, p) => ms + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}
