// CODEOWNERS, with GitHub's semantics: parse a file into rules (reporting what GitHub would not
// accept, with line numbers) and compile a pattern into a matcher. Pure.
//
// Matching follows gitignore as GitHub applies it to CODEOWNERS:
//  - a leading "/" anchors a pattern to the repository root, and so does a "/" in the middle;
//    a pattern with no "/" except a trailing one matches at any depth;
//  - a trailing "/" matches directories only (so everything under them);
//  - "*" and "?" never cross "/"; "**/" is any number of leading directories, "/**" everything
//    inside, "/**/" zero or more directories;
//  - a pattern naming a path also owns everything under it when its last segment is literal
//    (`docs`, `**/logs`); with a wildcard in the last segment (`docs/*`, `/*`) it owns only what it
//    matches directly, as GitHub documents for `docs/*`;
//  - case-sensitive; the last matching line wins; a line without owners leaves a path unowned.

export interface CodeownersRule {
  /** 1-based line number in the file. */
  line: number;
  pattern: string;
  owners: string[];
}

export interface CodeownersProblem {
  line: number;
  text: string;
  message: string;
}

export interface ParsedCodeowners {
  rules: CodeownersRule[];
  problems: CodeownersProblem[];
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*)\/[A-Za-z0-9](?:[A-Za-z0-9._-]*)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ownerKind(owner: string): "user" | "team" | "email" | null {
  if (TEAM.test(owner)) return "team";
  if (USER.test(owner)) return "user";
  if (EMAIL.test(owner)) return "email";
  return null;
}

function patternProblem(pattern: string): string | null {
  if (pattern.startsWith("!")) return "negation (!) is not supported in CODEOWNERS";
  if (pattern.includes("[") || pattern.includes("]"))
    return "character ranges ([ ]) are not supported in CODEOWNERS";
  if (pattern.includes("\\")) return "escapes (\\) are not supported in CODEOWNERS";
  return null;
}

export function parseCodeowners(text: string): ParsedCodeowners {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    // An inline comment starts at a "#" that follows whitespace.
    const uncommented = trimmed.replace(/\s#.*$/, "").trim();
    const [pattern, ...owners] = uncommented.split(/\s+/);
    if (!pattern) return;
    const problem = patternProblem(pattern);
    if (problem) {
      problems.push({ line, text: raw, message: problem });
      return;
    }
    const invalid = owners.filter((owner) => ownerKind(owner) === null);
    if (invalid.length > 0) {
      problems.push({
        line,
        text: raw,
        message: `invalid owner${invalid.length > 1 ? "s" : ""}: ${invalid.join(", ")} (expected @user, @org/team or an e-mail address)`,
      });
      return;
    }
    rules.push({ line, pattern, owners });
  });
  return { rules, problems };
}

const hasWildcard = (segment: string) => segment.includes("*") || segment.includes("?");

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|\\]/g, "\\$&");
}

function globToRegex(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const atEnd = i + 2 === glob.length || glob[i + 2] === "/";
        if (atStart && atEnd) {
          if (glob[i + 2] === "/") {
            out += "(?:.*/)?"; // "**/": zero or more directories
            i += 2;
          } else {
            out += ".*"; // trailing "**": everything inside
            i += 1;
          }
          continue;
        }
        // Other consecutive asterisks are ordinary asterisks.
        while (glob[i + 1] === "*") i++;
      }
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

export interface CompiledPattern {
  pattern: string;
  regex: RegExp;
  /** Leading literal segments of an anchored pattern (for indexing); null when not anchored. */
  literalPrefix: string[] | null;
  /** A literal segment every matching path contains (for indexing), else null. */
  literalName: string | null;
  /** For "*.ext"-style patterns that match only a file's own name: the literal suffix ".ext". */
  nameSuffix: string | null;
}

export function compilePattern(pattern: string): CompiledPattern {
  const dirOnly = pattern.endsWith("/") && pattern.length > 1;
  let body = dirOnly ? pattern.slice(0, -1) : pattern;
  const anchored = body.startsWith("/") || body.includes("/");
  if (body.startsWith("/")) body = body.slice(1);
  const segments = body.split("/");
  const last = segments[segments.length - 1] ?? "";
  const ownsDescendants = dirOnly || !hasWildcard(last) || body.endsWith("/**");
  let source = globToRegex(body);
  if (!anchored) source = `(?:.*/)?${source}`;
  if (dirOnly) source += "/.*";
  else if (ownsDescendants) source += "(?:/.*)?";
  const firstWildcard = segments.findIndex(hasWildcard);
  const literalPrefix =
    anchored && firstWildcard !== 0
      ? segments.slice(0, firstWildcard === -1 ? segments.length : firstWildcard)
      : null;
  // Any literal segment of the pattern must appear as a whole segment of a matching path.
  const literalName = literalPrefix
    ? null
    : (segments.find((s) => s !== "" && !hasWildcard(s)) ?? null);
  const suffix = /^\*(\.[^*?/]+)$/.exec(last);
  return {
    pattern,
    regex: new RegExp(`^${source}$`),
    literalPrefix,
    literalName,
    nameSuffix: !literalPrefix && !literalName && !ownsDescendants && suffix ? suffix[1]! : null,
  };
}
