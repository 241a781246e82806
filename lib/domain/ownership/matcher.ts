// Path -> winning rule, compiled once. Rules are indexed so that a path is tested only against
// the rules that could match it: anchored rules by their leading literal directories (a trie),
// others by a literal segment the path must contain, "*.ext" rules by the file name's suffix, and
// only what is left (such as "*") against every path. The winner is the matching candidate with
// the highest position (the last matching line). Pure.
import { compilePattern, type CompiledPattern } from "./codeowners";

export interface RuleInput<T> {
  pattern: string;
  value: T;
}

interface Entry<T> {
  position: number;
  compiled: CompiledPattern;
  value: T;
}

interface TrieNode<T> {
  rules: Entry<T>[];
  children: Map<string, TrieNode<T>>;
}

const node = <T>(): TrieNode<T> => ({ rules: [], children: new Map() });

export interface OwnershipMatcher<T> {
  /** The winning rule for a path, or null when no line matches. */
  match(path: string): { position: number; pattern: string; value: T } | null;
  size: number;
}

export function compileRules<T>(rules: RuleInput<T>[]): OwnershipMatcher<T> {
  const root = node<T>();
  const byName = new Map<string, Entry<T>[]>();
  const bySuffix = new Map<string, Entry<T>[]>();
  const always: Entry<T>[] = [];
  const push = (map: Map<string, Entry<T>[]>, key: string, entry: Entry<T>) => {
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  };
  rules.forEach((rule, position) => {
    const entry: Entry<T> = { position, compiled: compilePattern(rule.pattern), value: rule.value };
    const { literalPrefix, literalName, nameSuffix } = entry.compiled;
    if (literalPrefix) {
      let at = root;
      for (const segment of literalPrefix) {
        let next = at.children.get(segment);
        if (!next) at.children.set(segment, (next = node<T>()));
        at = next;
      }
      at.rules.push(entry);
    } else if (literalName) {
      push(byName, literalName, entry);
    } else if (nameSuffix) {
      push(bySuffix, nameSuffix, entry);
    } else {
      always.push(entry);
    }
  });

  return {
    size: rules.length,
    match(rawPath) {
      const path = rawPath.replace(/^\/+/, "");
      const segments = path.split("/");
      let best: Entry<T> | null = null;
      const consider = (entries: Entry<T>[]) => {
        for (const entry of entries) {
          if ((best === null || entry.position > best.position) && entry.compiled.regex.test(path))
            best = entry;
        }
      };
      consider(always);
      let at: TrieNode<T> | undefined = root;
      consider(root.rules);
      for (const segment of segments) {
        at = at.children.get(segment);
        if (!at) break;
        consider(at.rules);
      }
      if (byName.size > 0) {
        for (const segment of new Set(segments)) {
          const named = byName.get(segment);
          if (named) consider(named);
        }
      }
      if (bySuffix.size > 0) {
        const name = segments[segments.length - 1]!;
        for (let dot = name.indexOf("."); dot !== -1; dot = name.indexOf(".", dot + 1)) {
          const suffixed = bySuffix.get(name.slice(dot));
          if (suffixed) consider(suffixed);
        }
      }
      const winner = best as Entry<T> | null;
      return winner
        ? { position: winner.position, pattern: winner.compiled.pattern, value: winner.value }
        : null;
    },
  };
}

/** GitHub's answer for each path: the owners of the last matching line ([] when none matches). */
export function ownersOf(
  matcher: OwnershipMatcher<string[]>,
  paths: string[],
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const path of paths) result[path] = matcher.match(path)?.value ?? [];
  return result;
}
