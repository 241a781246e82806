// Changed paths -> systems, through the repository's ownership rules (the last matching line
// wins). A path whose winning line names no system falls back to the repository's only system.
import type { Db, Tx } from "@/lib/db";
import { compileRules, type OwnershipMatcher } from "@/lib/domain/ownership/matcher";
import { AppError } from "@/lib/errors";
import { readerFor } from "@/lib/db/reader";

interface RuleValue {
  ruleId: string;
  systemId: string | null;
}

const cache = new Map<string, { version: number; matcher: OwnershipMatcher<RuleValue> }>();

/** The repository's compiled rules; recompiled only when its rulesVersion (kept by a trigger) moves. */
async function repositoryMatcher(
  db: Db | Tx,
  repositoryId: string,
  version: number,
  useCache: boolean,
): Promise<OwnershipMatcher<RuleValue>> {
  const cached = cache.get(repositoryId);
  if (useCache && cached?.version === version) return cached.matcher;
  const rules = await db.ownershipRule.findMany({
    where: { repositoryId },
    orderBy: { position: "asc" },
    select: { id: true, pattern: true, systemId: true },
  });
  const matcher = compileRules(
    rules.map((r) => ({ pattern: r.pattern, value: { ruleId: r.id, systemId: r.systemId } })),
  );
  if (useCache) cache.set(repositoryId, { version, matcher });
  return matcher;
}

export interface PathResolution {
  repository: { id: string; name: string };
  /** systemId -> the paths that map to it */
  pathsBySystem: Map<string, string[]>;
  /** systemId -> ids of the winning rules for its paths */
  rulesBySystem: Map<string, string[]>;
  /** path -> the id of the rule that won it, when a rule naming a system did */
  ruleByPath: Map<string, string>;
  unmapped: string[];
}

/**
 * `uncommittedRules`: the caller's transaction has just rewritten the rules. Its version number
 * may never commit (a rollback), so the matcher is compiled for this call and not cached.
 */
export async function resolvePaths(
  db: Db | Tx,
  repositoryName: string,
  paths: string[],
  options: { uncommittedRules?: boolean } = {},
): Promise<PathResolution> {
  const [repository] = await readerFor(db).query<{
    id: string;
    name: string;
    rulesVersion: number;
    systemIds: string[];
  }>(
    "routing-repository",
    `SELECT r.id, r.name, r."rulesVersion",
       ARRAY(SELECT x."systemId" FROM "SystemRepository" x WHERE x."repositoryId" = r.id LIMIT 2) AS "systemIds"
     FROM "Repository" r WHERE r.name = $1`,
    [repositoryName],
  );
  if (!repository) {
    throw new AppError("VALIDATION", `repository: unknown repository "${repositoryName}"`, [
      {
        field: "repository",
        message: `unknown repository "${repositoryName}": check the spelling (org/name) or ask an admin to add it`,
      },
    ]);
  }
  const matcher = await repositoryMatcher(
    db,
    repository.id,
    repository.rulesVersion,
    !options.uncommittedRules,
  );
  const fallback = repository.systemIds.length === 1 ? repository.systemIds[0]! : null;
  const pathsBySystem = new Map<string, string[]>();
  const rulesBySystem = new Map<string, string[]>();
  const ruleByPath = new Map<string, string>();
  const unmapped: string[] = [];
  for (const path of paths) {
    const won = matcher.match(path);
    const systemId = won?.value.systemId ?? fallback;
    if (!systemId) {
      unmapped.push(path);
      continue;
    }
    pathsBySystem.set(systemId, [...(pathsBySystem.get(systemId) ?? []), path]);
    if (won?.value.systemId) {
      ruleByPath.set(path, won.value.ruleId);
      const rules = rulesBySystem.get(systemId) ?? [];
      if (!rules.includes(won.value.ruleId)) rules.push(won.value.ruleId);
      rulesBySystem.set(systemId, rules);
    }
  }
  return {
    repository: { id: repository.id, name: repository.name },
    pathsBySystem,
    rulesBySystem,
    ruleByPath,
    unmapped,
  };
}
