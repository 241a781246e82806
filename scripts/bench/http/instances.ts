// The benchmark's "two instances" part (README "Beyond one machine", docs/decisions/0017): a second
// `next start` on the same database answers every read target exactly as the first does, and a
// change submitted through one is read back, the same, through the other. Sessions, rate limits,
// jobs and caches live in PostgreSQL (or are exact per instance), so nothing ties a user to one.

/** What may differ between two answers to the same question: when each was computed. */
const VOLATILE = new Set(["generatedAt", "asOf"]);

export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, comparable(v)]),
    );
  return value;
}

export interface Question {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

export interface Comparison {
  name: string;
  same: boolean;
  status: [number, number];
}

async function ask(base: string, q: Question): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${q.path}`, { headers: q.headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return { status: res.status, body: comparable(body) };
}

/**
 * Each question asked of both instances at once: answered (2xx) by both, with the same status and
 * body (less VOLATILE)? Two refusals are not an answer.
 */
export async function compareInstances(
  a: string,
  b: string,
  questions: Question[],
): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const q of questions) {
    const [x, y] = await Promise.all([ask(a, q), ask(b, q)]);
    out.push({
      name: q.name,
      same:
        x.status < 300 &&
        x.status === y.status &&
        JSON.stringify(x.body) === JSON.stringify(y.body),
      status: [x.status, y.status],
    });
  }
  return out;
}
