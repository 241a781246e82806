// Import a Backstage catalog file (catalog-info.yaml, one or more documents): Group entities
// become teams; Component and System entities become systems, owned by the team named in
// spec.owner, with a tier from the `countersign.io/tier` annotation or a `tier` label and their
// repository from the `github.com/project-slug` annotation; User entities set the code-host logins
// (`github.com/user-login`, `gitlab.com/user-login` annotations) of the person with their
// spec.profile.email, so pull requests find their authors. Creates or updates, and reports what
// changed; an entity that cannot be imported is reported and skipped.
import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { systemActor, type Actor } from "@/lib/domain/actor";
import { validationError } from "@/lib/errors";
import { mutate } from "@/lib/server/audit/mutate";

const entitySchema = z.object({
  kind: z.string(),
  metadata: z.object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.string()).optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
});

type Entity = z.infer<typeof entitySchema>;

export interface CatalogReport {
  teams: { created: string[]; updated: string[]; unchanged: string[] };
  systems: { created: string[]; updated: string[]; unchanged: string[] };
  repositoriesLinked: string[];
  /** People whose code-host logins were set from User entities ("ana@acme.example github:ana"). */
  loginsSet: string[];
  skipped: { entity: string; reason: string }[];
  ignoredKinds: Record<string, number>;
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-|-$/g, "");
/** "group:default/payments", "group:payments" or "payments" -> "payments" */
const ownerSlug = (ref: string) => slugOf(ref.replace(/^group:/, "").replace(/^[^/]+\//, ""));

export function tierOf(entity: Entity): number | null | "invalid" {
  const raw =
    entity.metadata.annotations?.["countersign.io/tier"] ??
    entity.metadata.labels?.["tier"] ??
    entity.metadata.labels?.["countersign.io/tier"];
  if (raw === undefined) return null;
  const match = /^(?:tier[-_ ]?)?([123])$/i.exec(raw.trim());
  return match ? Number(match[1]) : "invalid";
}

export function parseCatalog(text: string): Entity[] {
  const documents = parseAllDocuments(text);
  const entities: Entity[] = [];
  const problems: { field: string; message: string }[] = [];
  (Array.isArray(documents) ? documents : [documents]).forEach((doc, i) => {
    if (doc.errors.length) {
      problems.push({
        field: `document ${i + 1}`,
        message: doc.errors[0]!.message.split("\n")[0]!.slice(0, 160),
      });
      return;
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    const parsed = entitySchema.safeParse(value);
    if (!parsed.success) {
      problems.push({
        field: `document ${i + 1}`,
        message: `not a Backstage entity (${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message})`,
      });
      return;
    }
    entities.push(parsed.data);
  });
  if (problems.length) throw validationError(problems);
  if (entities.length === 0)
    throw validationError([{ field: "file", message: "no entities found" }]);
  return entities;
}

export async function importCatalog(
  actor: Actor = systemActor("cli"),
  text: string,
): Promise<CatalogReport> {
  const entities = parseCatalog(text);
  return mutate(
    actor,
    async (tx) => {
      const report: CatalogReport = {
        teams: { created: [], updated: [], unchanged: [] },
        systems: { created: [], updated: [], unchanged: [] },
        repositoriesLinked: [],
        loginsSet: [],
        skipped: [],
        ignoredKinds: {},
      };
      for (const e of entities.filter((e) => e.kind === "Group")) {
        const slug = slugOf(e.metadata.name);
        const profile = (e.spec?.profile ?? {}) as { displayName?: string };
        const data = {
          name: profile.displayName ?? e.metadata.title ?? e.metadata.name,
          description: e.metadata.description ?? "",
        };
        const existing = await tx.team.findUnique({
          where: { slug },
          select: { name: true, description: true },
        });
        if (!existing) {
          await tx.team.create({ data: { slug, ...data } });
          report.teams.created.push(slug);
        } else if (existing.name !== data.name || existing.description !== data.description) {
          await tx.team.update({ where: { slug }, data });
          report.teams.updated.push(slug);
        } else report.teams.unchanged.push(slug);
      }
      for (const e of entities.filter((e) => e.kind === "User")) {
        const email = (e.spec?.profile as { email?: unknown } | undefined)?.email;
        const annotations = e.metadata.annotations ?? {};
        const logins = {
          githubLogin: annotations["github.com/user-login"],
          gitlabUsername: annotations["gitlab.com/user-login"],
        };
        if (!logins.githubLogin && !logins.gitlabUsername) continue;
        const person =
          typeof email === "string"
            ? await tx.user.findFirst({
                where: { email: { equals: email, mode: "insensitive" } },
                select: { id: true, githubLogin: true, gitlabUsername: true },
              })
            : null;
        if (!person) {
          report.skipped.push({
            entity: `User:${e.metadata.name}`,
            reason: "no person in the directory has its spec.profile.email",
          });
          continue;
        }
        const data = Object.fromEntries(
          Object.entries(logins).filter(([k, v]) => v && person[k as keyof typeof logins] !== v),
        );
        if (Object.keys(data).length === 0) continue;
        const clash = await tx.user.findFirst({
          where: { id: { not: person.id }, OR: Object.entries(data).map(([k, v]) => ({ [k]: v })) },
          select: { email: true },
        });
        if (clash) {
          report.skipped.push({
            entity: `User:${e.metadata.name}`,
            reason: `its login is already ${clash.email}'s`,
          });
          continue;
        }
        await tx.user.update({ where: { id: person.id }, data });
        report.loginsSet.push(
          `${String(email)} ${Object.entries(data)
            .map(([k, v]) => `${k === "githubLogin" ? "github" : "gitlab"}:${v}`)
            .join(" ")}`,
        );
      }
      for (const e of entities) {
        if (e.kind === "Group" || e.kind === "User") continue;
        if (e.kind !== "Component" && e.kind !== "System") {
          report.ignoredKinds[e.kind] = (report.ignoredKinds[e.kind] ?? 0) + 1;
          continue;
        }
        const label = `${e.kind}:${e.metadata.name}`;
        const owner = typeof e.spec?.owner === "string" ? ownerSlug(e.spec.owner) : null;
        if (!owner) {
          report.skipped.push({ entity: label, reason: "spec.owner is missing" });
          continue;
        }
        const team = await tx.team.findUnique({ where: { slug: owner }, select: { id: true } });
        if (!team) {
          report.skipped.push({
            entity: label,
            reason: `owner group "${owner}" is not a team (add its Group entity)`,
          });
          continue;
        }
        const tier = tierOf(e);
        if (tier === "invalid") {
          report.skipped.push({
            entity: label,
            reason: "tier must be 1, 2 or 3 (annotation countersign.io/tier or label tier)",
          });
          continue;
        }
        const slug = slugOf(e.metadata.name);
        const partOf =
          e.kind === "Component" && typeof e.spec?.system === "string"
            ? ` Part of the ${e.spec.system} system.`
            : "";
        const customerFacing =
          e.metadata.annotations?.["countersign.io/customer-facing"] === "true" ||
          (e.metadata.tags ?? []).includes("customer-facing");
        const existing = await tx.system.findUnique({
          where: { slug },
          select: {
            id: true,
            name: true,
            tier: true,
            owningTeamId: true,
            description: true,
            customerFacing: true,
          },
        });
        const data = {
          name: e.metadata.title ?? e.metadata.name,
          description: `${e.metadata.description ?? ""}${partOf}`.trim(),
          owningTeamId: team.id,
          customerFacing,
          tier: tier ?? existing?.tier ?? 3,
        };
        let systemId: string;
        if (!existing) {
          systemId = (await tx.system.create({ data: { slug, ...data }, select: { id: true } })).id;
          report.systems.created.push(tier === null ? `${slug} (no tier given: tier 3)` : slug);
        } else {
          systemId = existing.id;
          const same =
            existing.name === data.name &&
            existing.description === data.description &&
            existing.owningTeamId === data.owningTeamId &&
            existing.customerFacing === data.customerFacing &&
            existing.tier === data.tier;
          if (same) report.systems.unchanged.push(slug);
          else {
            await tx.system.update({ where: { id: existing.id }, data });
            report.systems.updated.push(slug);
          }
        }
        const repoName = e.metadata.annotations?.["github.com/project-slug"];
        if (repoName && /^[\w.-]+\/[\w.-]+$/.test(repoName)) {
          const repository = await tx.repository.upsert({
            where: { name: repoName },
            create: { name: repoName },
            update: {},
            select: { id: true },
          });
          const link = await tx.systemRepository.findUnique({
            where: { systemId_repositoryId: { systemId, repositoryId: repository.id } },
          });
          if (!link) {
            await tx.systemRepository.create({ data: { systemId, repositoryId: repository.id } });
            report.repositoriesLinked.push(`${slug} → ${repoName}`);
          }
        }
      }
      const changes = [
        ...report.teams.created.map((t) => `team created: ${t}`),
        ...report.teams.updated.map((t) => `team updated: ${t}`),
        ...report.systems.created.map((s) => `system created: ${s}`),
        ...report.systems.updated.map((s) => `system updated: ${s}`),
        ...report.repositoriesLinked.map((r) => `repository linked: ${r}`),
        ...report.loginsSet.map((l) => `login set: ${l}`),
        ...report.skipped.map((s) => `skipped ${s.entity}: ${s.reason}`),
      ];
      return {
        result: report,
        event: {
          action: "import.catalog",
          subjectType: "import",
          subjectLabel: "backstage catalog",
          payload: {
            counts: {
              teamsCreated: report.teams.created.length,
              teamsUpdated: report.teams.updated.length,
              systemsCreated: report.systems.created.length,
              systemsUpdated: report.systems.updated.length,
              repositoriesLinked: report.repositoriesLinked.length,
              loginsSet: report.loginsSet.length,
              skipped: report.skipped.length,
            },
            changes: changes.slice(0, 200),
          },
        },
      };
    },
    { timeout: 120_000 },
  );
}
