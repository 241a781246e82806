// The global search box's language, as GitHub users type it: a CR- or INC- key, words for the
// title, and qualifiers (`is:pending author:@me system:checkout-api repo:acme/storefront
// reviewer:@me is:incident`). Unknown qualifiers are reported, not silently ignored. Pure.
import type { Status } from "@/lib/domain/lifecycle/lifecycle";

export const STATUS_WORDS: Record<string, Status[]> = {
  draft: ["DRAFT"],
  pending: ["PENDING"],
  open: ["PENDING", "CHANGES_REQUESTED"],
  changes_requested: ["CHANGES_REQUESTED"],
  approved: ["APPROVED"],
  deployed: ["DEPLOYED"],
  rolled_back: ["ROLLED_BACK"],
  rejected: ["REJECTED"],
  withdrawn: ["WITHDRAWN"],
  closed: ["REJECTED", "WITHDRAWN"],
};

export interface SearchQuery {
  /** CR-12 or INC-200, when the query names one. */
  keys: string[];
  /** Words to find in titles (and people's names), in order. */
  text: string;
  statuses: Status[];
  /** Only changes, only incidents, or both. */
  kind: "change" | "incident" | null;
  /** A handle, or "@me". */
  author: string | null;
  reviewer: string | null;
  system: string | null;
  repo: string | null;
  problems: string[];
}

const QUALIFIERS = ["is", "author", "reviewer", "system", "repo"] as const;

export function parseSearch(input: string): SearchQuery {
  const query: SearchQuery = {
    keys: [],
    text: "",
    statuses: [],
    kind: null,
    author: null,
    reviewer: null,
    system: null,
    repo: null,
    problems: [],
  };
  const words: string[] = [];
  for (const token of input.trim().slice(0, 500).split(/\s+/).filter(Boolean)) {
    const key = /^(CR|INC)-(\d{1,9})$/i.exec(token);
    if (key) {
      query.keys.push(`${key[1]!.toUpperCase()}-${Number(key[2])}`);
      continue;
    }
    const qualifier = /^([a-z]+):(.+)$/i.exec(token);
    if (!qualifier) {
      words.push(token);
      continue;
    }
    const name = qualifier[1]!.toLowerCase();
    const value = qualifier[2]!.trim();
    if (!(QUALIFIERS as readonly string[]).includes(name)) {
      query.problems.push(
        `unknown qualifier "${name}:" (use ${QUALIFIERS.map((q) => `${q}:`).join(", ")})`,
      );
      continue;
    }
    if (name === "is") {
      const word = value.toLowerCase();
      if (word === "change" || word === "incident") query.kind = word;
      else if (STATUS_WORDS[word]) query.statuses.push(...STATUS_WORDS[word]!);
      else
        query.problems.push(
          `"is:${value}" is not a status (use ${Object.keys(STATUS_WORDS).join(", ")}, change or incident)`,
        );
      continue;
    }
    const handle = value.replace(/^@/, "").toLowerCase();
    if (name === "author") query.author = value.toLowerCase() === "@me" ? "@me" : handle;
    else if (name === "reviewer") query.reviewer = value.toLowerCase() === "@me" ? "@me" : handle;
    else if (name === "system") query.system = value.toLowerCase();
    else query.repo = value;
  }
  query.statuses = [...new Set(query.statuses)];
  query.text = words.join(" ");
  return query;
}

/** A LIKE pattern that finds the text anywhere, its own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
