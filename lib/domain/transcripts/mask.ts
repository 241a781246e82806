// Secrets in an AI session are masked before it is stored (docs/decisions/0014-reviewer-workplace.md):
// an agent's transcript often holds the tokens and keys it was given or read. Each pattern keeps
// the secret's kind visible ("[masked GitHub token]") so a reviewer still sees what was there. Pure.

const PATTERNS: { label: string; pattern: RegExp }[] = [
  {
    label: "private key",
    pattern:
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$(?![\s\S]))/g,
  },
  { label: "AWS access key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  {
    label: "GitHub token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g,
  },
  { label: "GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { label: "Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { label: "Slack webhook", pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g },
  { label: "Anthropic key", pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}\b/g },
  { label: "OpenAI key", pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}\b/g },
  { label: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { label: "Stripe key", pattern: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g },
  { label: "Countersign token", pattern: /\bcs_[A-Za-z0-9_-]{40,}/g },
  { label: "JWT", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  {
    label: "password in a URL",
    pattern: /(?<=[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]{3,}(?=@)/gi,
  },
  { label: "bearer token", pattern: /(?<=\bBearer\s+)[A-Za-z0-9._~+/-]{16,}=*/g },
  {
    label: "secret",
    pattern:
      /(?<=\b(?:api[_-]?key|secret|token|password|passwd|pwd|client[_-]?secret|access[_-]?key)["']?\s*[:=]\s*["']?)[^\s"',;]{8,}/gi,
  },
];

export interface Masked {
  text: string;
  /** How many secrets were masked. */
  count: number;
}

export function maskSecrets(text: string): Masked {
  let count = 0;
  let out = text;
  for (const { label, pattern } of PATTERNS) {
    out = out.replace(pattern, (match) =>
      match.startsWith("[masked ") ? match : (count++, `[masked ${label}]`),
    );
  }
  return { text: out, count };
}
