// The question routing answers for a change, built in one place from the change's facts: the
// preview, submission and every new revision ask it the same way.
import type { Level } from "@/lib/domain/levels";
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import type { RiskFlag } from "@/lib/domain/risk/flags";
import type { DiffFile } from "@/lib/domain/diff/parse";
import { linesOf, type ChangeContent } from "./content";

export interface RoutingRequest {
  author: { id: string; level: Level };
  coAuthorIds: string[];
  repository: string;
  /** Canonical routing paths (renames and copies on both sides). */
  paths: string[];
  diffFiles?: DiffFile[];
  linesChanged: number;
  filesChanged: number;
  aiExtent: AiExtent;
  /** The author's flags; detected flags are added (flags only ever go up). */
  riskFlags: RiskFlag[];
  emergency: boolean;
  addedSystemSlugs: string[];
  /** Reviewers already on the change (a new revision keeps them). */
  keepReviewerIds?: string[];
}

export function routingRequest(facts: {
  author: { id: string; level: Level };
  coAuthorIds: string[];
  repository: string;
  content: ChangeContent;
  aiExtent: AiExtent;
  riskFlags: readonly RiskFlag[];
  emergency: boolean;
  addedSystemSlugs: readonly string[];
  keepReviewerIds?: string[];
}): RoutingRequest {
  return {
    author: { id: facts.author.id, level: facts.author.level },
    coAuthorIds: facts.coAuthorIds,
    repository: facts.repository,
    paths: facts.content.routingPaths,
    diffFiles: facts.content.diffFiles,
    linesChanged: linesOf(facts.content),
    filesChanged: facts.content.paths.length,
    aiExtent: facts.aiExtent,
    riskFlags: [...new Set(facts.riskFlags)],
    emergency: facts.emergency,
    addedSystemSlugs: [...new Set(facts.addedSystemSlugs)],
    keepReviewerIds: facts.keepReviewerIds,
  };
}
