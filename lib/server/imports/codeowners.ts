// Import a repository's CODEOWNERS file as its ownership rules: "@org/team" owners map to the team
// with that slug, "@user" to the person with that handle, e-mails to the person with that e-mail.
// Unknown owners and invalid lines are reported; a second import of the same file changes nothing.
import type { Tx } from "@/lib/db";
import { readAll } from "@/lib/db/reader";
import { systemActor, type Actor } from "@/lib/domain/actor";
import { refreshRequirementRules } from "@/lib/server/changes/writer";
import { ownerKind, parseCodeowners } from "@/lib/domain/ownership/codeowners";
import { validationError } from "@/lib/errors";
import { mutate } from "@/lib/server/audit/mutate";

export interface CodeownersImportReport {
  repository: string;
  createdRepository: boolean;
  rules: number;
  mappedToSystems: number;
  unchanged: boolean;
  unknownOwners: string[];
  problems: { line: number; message: string }[];
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

async function ownerResolver(tx: Tx) {
  const [teams, users] = await readAll(tx, [
    () => tx.team.findMany({ select: { id: true, slug: true } }),
    () => tx.user.findMany({ select: { id: true, handle: true, email: true } }),
  ] as const);
  const teamBySlug = new Map(teams.map((t) => [t.slug, t.id]));
  const userByHandle = new Map(users.map((u) => [u.handle, u.id]));
  const userBySquashed = new Map(users.map((u) => [squash(u.handle), u.id]));
  const userByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  return (owner: string): { teamId?: string; userId?: string } | null => {
    const kind = ownerKind(owner);
    if (kind === "team") {
      const id = teamBySlug.get(owner.split("/")[1]!.toLowerCase());
      return id ? { teamId: id } : null;
    }
    if (kind === "user") {
      const handle = owner.slice(1);
      const id = userByHandle.get(handle.toLowerCase()) ?? userBySquashed.get(squash(handle));
      return id ? { userId: id } : null;
    }
    const id = userByEmail.get(owner.toLowerCase());
    return id ? { userId: id } : null;
  };
}

export async function importCodeowners(
  actor: Actor = systemActor("cli"),
  input: { repository: string; text: string },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<CodeownersImportReport> {
  const repositoryName = input.repository.trim();
  if (!/^[\w.-]+\/[\w.-]+$/.test(repositoryName)) {
    throw validationError([
      { field: "repository", message: `"${repositoryName}" is not a repository name (org/name)` },
    ]);
  }
  const parsed = parseCodeowners(input.text);
  if (parsed.rules.length === 0 && parsed.problems.length === 0) {
    throw validationError([{ field: "file", message: "the file has no CODEOWNERS rules" }]);
  }
  return mutate(
    actor,
    async (tx) => {
      let repository = await tx.repository.findUnique({
        where: { name: repositoryName },
        select: {
          id: true,
          systems: { select: { system: { select: { id: true, owningTeamId: true } } } },
        },
      });
      const createdRepository = !repository;
      repository ??= {
        ...(await tx.repository.create({ data: { name: repositoryName }, select: { id: true } })),
        systems: [],
      };
      const resolve = await ownerResolver(tx);
      const unknown = new Set<string>();
      const linked = repository.systems.map((s) => s.system);
      const desired = parsed.rules.map((rule, position) => {
        const owners = rule.owners.map((o) => ({ label: o, ref: resolve(o) }));
        for (const o of owners) if (!o.ref) unknown.add(o.label);
        const teamIds = owners.flatMap((o) => (o.ref?.teamId ? [o.ref.teamId] : []));
        // The rule's system: the one system of this repository owned by one of the rule's teams.
        const candidates = linked.filter((s) => teamIds.includes(s.owningTeamId));
        return {
          position,
          pattern: rule.pattern,
          ownerLabels: rule.owners,
          systemId: candidates.length === 1 ? candidates[0]!.id : null,
          owners: owners.flatMap((o) => (o.ref ? [o.ref] : [])),
        };
      });
      const existing = await tx.ownershipRule.findMany({
        where: { repositoryId: repository.id },
        orderBy: { position: "asc" },
        select: {
          position: true,
          pattern: true,
          ownerLabels: true,
          systemId: true,
          owners: { select: { teamId: true, userId: true } },
        },
      });
      const fingerprint = (
        rules: {
          position: number;
          pattern: string;
          ownerLabels: string[];
          systemId: string | null;
          owners: { teamId?: string | null; userId?: string | null }[];
        }[],
      ) =>
        JSON.stringify(
          rules.map((r) => [
            r.position,
            r.pattern,
            r.ownerLabels,
            r.systemId,
            r.owners.map((o) => `${o.teamId ?? ""}:${o.userId ?? ""}`).sort(),
          ]),
        );
      const unchanged = fingerprint(existing) === fingerprint(desired);
      if (!unchanged) {
        await tx.ownershipRule.deleteMany({ where: { repositoryId: repository.id } });
        const CHUNK = 500;
        for (let i = 0; i < desired.length; i += CHUNK) {
          const chunk = desired.slice(i, i + CHUNK);
          const created = await tx.ownershipRule.createManyAndReturn({
            data: chunk.map((r) => ({
              repositoryId: repository.id,
              position: r.position,
              pattern: r.pattern,
              ownerLabels: r.ownerLabels,
              systemId: r.systemId,
              source: "CODEOWNERS" as const,
            })),
            select: { id: true, position: true },
          });
          const idByPosition = new Map(created.map((c) => [c.position, c.id]));
          await tx.ruleOwner.createMany({
            data: chunk.flatMap((r) =>
              r.owners.map((o) => ({ ruleId: idByPosition.get(r.position)!, ...o })),
            ),
          });
          onProgress(Math.min(i + CHUNK, desired.length), desired.length);
        }
      } else {
        onProgress(desired.length, desired.length);
      }
      // Open changes' requirements follow the new lines (the writer module owns those rows).
      const refreshed = unchanged ? 0 : await refreshRequirementRules(tx, repository.id);
      const report: CodeownersImportReport = {
        repository: repositoryName,
        createdRepository,
        rules: desired.length,
        mappedToSystems: desired.filter((r) => r.systemId).length,
        unchanged,
        unknownOwners: [...unknown].sort(),
        problems: parsed.problems.map(({ line, message }) => ({ line, message })),
      };
      return {
        result: report,
        event: {
          action: "import.codeowners",
          subjectType: "import",
          subjectId: repository.id,
          subjectLabel: repositoryName,
          payload: {
            repository: repositoryName,
            counts: {
              rules: report.rules,
              mappedToSystems: report.mappedToSystems,
              unknownOwners: report.unknownOwners.length,
              invalidLines: report.problems.length,
              changed: unchanged ? 0 : 1,
              requirementsRefreshed: refreshed,
            },
            unknownOwners: report.unknownOwners.slice(0, 100),
            problems: report.problems.slice(0, 100).map((p) => `line ${p.line}: ${p.message}`),
          },
        },
      };
    },
    { timeout: 120_000 },
  );
}
