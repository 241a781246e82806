// The demo organisation, generated from a fixed seed so every install sees the same company:
// 44 teams, 400 engineers (35% junior, 30% mid, 25% senior, 10% principal), a manager per team,
// two admins, 1,000 systems (335 tier 1), five monorepos with CODEOWNERS-style rules and one
// repository per system. Pure: it returns rows; prisma/factories.ts writes them.
import { Faker, en } from "@faker-js/faker";
import type { Level, Role } from "@/lib/domain/levels";

export const DEMO_SEED = 20261122;
export const ORG = "acme";

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  handle: string;
  level: Level;
  roles: Role[];
  outOfOfficeUntil: Date | null;
}
export interface DemoTeam {
  id: string;
  slug: string;
  name: string;
  description: string;
  managerId: string;
}
export interface DemoSystem {
  id: string;
  slug: string;
  name: string;
  tier: number;
  customerFacing: boolean;
  description: string;
  owningTeamId: string;
}
export interface DemoRule {
  id: string;
  repositoryId: string;
  position: number;
  pattern: string;
  systemId: string | null;
  ownerLabels: string[];
  ownerTeamIds: string[];
  ownerUserIds: string[];
}
export interface DemoOrganisation {
  users: DemoUser[];
  teams: DemoTeam[];
  memberships: { teamId: string; userId: string }[];
  systems: DemoSystem[];
  repositories: { id: string; name: string }[];
  systemRepositories: { systemId: string; repositoryId: string }[];
  extraApprovers: { id: string; systemId: string; userId: string | null; teamId: string | null }[];
  rules: DemoRule[];
  windows: {
    id: string;
    name: string;
    kind: "POLICY" | "FREEZE";
    startsAt: Date;
    endsAt: Date;
    tiers: number[];
    systemIds: string[];
    minApprovals: number | null;
    minLevel: Level | null;
    requirePrincipal: boolean;
    description: string;
  }[];
}

const TEAMS: [string, string][] = [
  ["checkout", "Checkout"],
  ["cart", "Cart"],
  ["payments", "Payments"],
  ["ledger", "Ledger"],
  ["fraud", "Fraud & Risk"],
  ["search", "Search"],
  ["catalog", "Catalog"],
  ["pricing", "Pricing"],
  ["promotions", "Promotions"],
  ["inventory", "Inventory"],
  ["fulfilment", "Fulfilment"],
  ["shipping", "Shipping"],
  ["returns", "Returns"],
  ["orders", "Orders"],
  ["identity", "Identity"],
  ["iam", "IAM"],
  ["accounts", "Customer Accounts"],
  ["notifications", "Notifications"],
  ["messaging", "Messaging"],
  ["web-platform", "Web Platform"],
  ["mobile-ios", "iOS"],
  ["mobile-android", "Android"],
  ["design-system", "Design System"],
  ["data-platform", "Data Platform"],
  ["analytics", "Analytics"],
  ["ml-platform", "ML Platform"],
  ["recommendations", "Recommendations"],
  ["ads", "Ads"],
  ["marketplace", "Marketplace"],
  ["seller-tools", "Seller Tools"],
  ["support-tools", "Support Tools"],
  ["sre", "Site Reliability"],
  ["networking", "Networking"],
  ["compute", "Compute"],
  ["storage", "Storage"],
  ["databases", "Databases"],
  ["observability", "Observability"],
  ["ci-cd", "CI/CD"],
  ["developer-experience", "Developer Experience"],
  ["security", "Security Engineering"],
  ["compliance", "Compliance"],
  ["billing", "Billing"],
  ["tax", "Tax"],
  ["localization", "Localization"],
];

const COMPONENTS = [
  "api",
  "web",
  "worker",
  "gateway",
  "scheduler",
  "ingest",
  "index",
  "cache",
  "notifier",
  "reporting",
  "admin",
  "sync",
  "exporter",
  "importer",
  "store",
  "engine",
  "service",
  "events",
  "reconciler",
  "router",
  "console",
  "batch",
  "stream",
  "edge",
];

/** The five monorepos: path patterns mapped to a team's system, in CODEOWNERS order. */
const MONOREPOS: { name: string; rules: [pattern: string, team: string][] }[] = [
  {
    name: "storefront",
    rules: [
      ["*", "web-platform"],
      ["/apps/web/checkout/", "checkout"],
      ["/apps/web/cart/", "cart"],
      ["/apps/web/search/", "search"],
      ["/apps/web/product/", "catalog"],
      ["/apps/web/account/", "accounts"],
      ["/packages/design-system/", "design-system"],
      ["/packages/pricing-client/", "pricing"],
      ["/config/feature-flags/", "web-platform"],
      ["*.md", "developer-experience"],
    ],
  },
  {
    name: "payments-platform",
    rules: [
      ["*", "payments"],
      ["/services/gateway/", "payments"],
      ["/services/ledger/", "ledger"],
      ["/services/fraud/", "fraud"],
      ["/services/billing/", "billing"],
      ["/services/tax/", "tax"],
      ["/db/migrations/", "databases"],
      ["/deploy/k8s/", "sre"],
    ],
  },
  {
    name: "infrastructure",
    rules: [
      ["*", "sre"],
      ["/terraform/modules/network/", "networking"],
      ["/terraform/modules/compute/", "compute"],
      ["/terraform/modules/storage/", "storage"],
      ["/terraform/modules/iam/", "iam"],
      ["/terraform/envs/prod/", "sre"],
      ["/k8s/clusters/", "compute"],
      ["/.github/workflows/", "ci-cd"],
    ],
  },
  {
    name: "identity",
    rules: [
      ["*", "identity"],
      ["/services/auth/", "identity"],
      ["/services/sessions/", "identity"],
      ["/policies/iam/", "iam"],
      ["/services/accounts/", "accounts"],
      ["/config/", "security"],
    ],
  },
  {
    name: "data-platform",
    rules: [
      ["*", "data-platform"],
      ["/pipelines/orders/", "orders"],
      ["/pipelines/inventory/", "inventory"],
      ["/dags/", "data-platform"],
      ["/warehouse/models/", "analytics"],
      ["/ml/features/", "ml-platform"],
      ["/ml/recommendations/", "recommendations"],
    ],
  },
];

const PURPOSE: Record<string, string> = {
  api: "HTTP API used by the web and mobile apps",
  web: "server-rendered web front end",
  worker: "background jobs and retries",
  gateway: "edge gateway: routing, rate limits and auth checks",
  scheduler: "cron-style scheduling of periodic work",
  ingest: "ingests events from Kafka into the team's stores",
  index: "search index builder and query service",
  cache: "read-through cache in front of the primary store",
  notifier: "sends e-mail, push and webhook notifications",
  reporting: "reports and exports for internal users",
  admin: "internal admin console",
  sync: "keeps partner and internal systems in sync",
  exporter: "nightly exports to the data warehouse",
  importer: "bulk imports from partners and CSV uploads",
  store: "primary PostgreSQL-backed store",
  engine: "core rules engine",
  service: "core domain service",
  events: "domain events published to the event bus",
  reconciler: "reconciles state with external providers",
  router: "routes requests between regions",
  console: "operator console",
  batch: "batch processing jobs",
  stream: "stream processing on the event bus",
  edge: "CDN edge functions",
};

const LEVEL_MIX: [Level, number][] = [
  ["JUNIOR", 140],
  ["MID", 120],
  ["SENIOR", 100],
  ["PRINCIPAL", 40],
];

const pad = (n: number, width = 4) => String(n).padStart(width, "0");
const DAY = 24 * 60 * 60 * 1000;

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export function buildDemoOrganisation(now = new Date()): DemoOrganisation {
  const faker = new Faker({ locale: [en] });
  faker.seed(DEMO_SEED);
  const handles = new Set<string>();
  const person = (id: string, level: Level, roles: Role[]): DemoUser => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let handle = slugify(`${first}.${last}`);
    for (let n = 2; handles.has(handle); n++) handle = slugify(`${first}.${last}${n}`);
    handles.add(handle);
    return {
      id,
      email: `${handle}@${ORG}.example`,
      name: `${first} ${last}`,
      handle,
      level,
      roles,
      outOfOfficeUntil: null,
    };
  };

  const users: DemoUser[] = [];
  const teams: DemoTeam[] = TEAMS.map(([slug, name], i) => {
    const manager = person(`demo-mgr-${pad(i)}`, i % 3 === 0 ? "PRINCIPAL" : "SENIOR", ["MANAGER"]);
    users.push(manager);
    return {
      id: `demo-team-${pad(i)}`,
      slug,
      name,
      description: `${name} engineering at Acme.`,
      managerId: manager.id,
    };
  });
  users.push(
    { ...person("demo-admin-0", "PRINCIPAL", ["ADMIN"]) },
    { ...person("demo-admin-1", "SENIOR", ["ADMIN", "MANAGER"]) },
  );

  // Engineers: senior+ are dealt out first so every team has at least two SENIOR+ owners.
  const memberships: DemoOrganisation["memberships"] = [];
  const engineers: DemoUser[] = [];
  const levels = [...LEVEL_MIX]
    .reverse()
    .flatMap(([level, count]) => Array<Level>(count).fill(level));
  levels.forEach((level, i) => {
    const engineer = person(`demo-eng-${pad(i)}`, level, []);
    engineers.push(engineer);
    memberships.push({ teamId: teams[i % teams.length]!.id, userId: engineer.id });
  });
  // A few seniors are out of office (one of them only until yesterday: back at work).
  const seniors = engineers.filter((e) => e.level === "SENIOR" || e.level === "PRINCIPAL");
  [3, 17, 29, 41, 58, 77].forEach((index, n) => {
    const senior = seniors[index];
    if (senior)
      senior.outOfOfficeUntil = new Date(now.getTime() + (n === 5 ? -1 : 3 + n * 2) * DAY);
  });
  users.push(...engineers);

  // Systems: 1,000, spread over the teams; exactly 335 are tier 1.
  const systems: DemoSystem[] = [];
  const slugs = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const team = teams[i % teams.length]!;
    const kind = COMPONENTS[Math.floor(i / teams.length) % COMPONENTS.length]!;
    let slug = `${team.slug}-${kind}`;
    for (let n = 2; slugs.has(slug); n++) slug = `${team.slug}-${kind}-${n}`;
    slugs.add(slug);
    const component = slug.slice(team.slug.length + 1).replace(/-/g, " ");
    systems.push({
      id: `demo-sys-${pad(i)}`,
      slug,
      name: `${team.name} ${component}`,
      tier: 3,
      customerFacing: false,
      description: `${team.name}: ${PURPOSE[kind] ?? "service"}.`,
      owningTeamId: team.id,
    });
  }
  const order = faker.helpers.shuffle(systems.map((_, i) => i));
  order.forEach((index, rank) => {
    const system = systems[index]!;
    system.tier = rank < 335 ? 1 : rank < 700 ? 2 : 3;
    system.customerFacing = system.tier === 1 ? rank % 4 !== 0 : rank % 5 === 0;
  });

  const repositories: DemoOrganisation["repositories"] = [];
  const systemRepositories: DemoOrganisation["systemRepositories"] = [];
  const rules: DemoRule[] = [];
  const teamBySlug = new Map(teams.map((t) => [t.slug, t]));
  const firstSystemOf = (teamId: string, preferTier1: boolean) =>
    systems.find((s) => s.owningTeamId === teamId && (!preferTier1 || s.tier === 1)) ??
    systems.find((s) => s.owningTeamId === teamId)!;

  MONOREPOS.forEach((repo, r) => {
    const repository = { id: `demo-repo-mono-${r}`, name: `${ORG}/${repo.name}` };
    repositories.push(repository);
    const linked = new Set<string>();
    repo.rules.forEach(([pattern, teamSlug], position) => {
      const team = teamBySlug.get(teamSlug)!;
      const system = firstSystemOf(team.id, pattern !== "*" && !pattern.endsWith(".md"));
      if (!linked.has(system.id)) {
        linked.add(system.id);
        systemRepositories.push({ systemId: system.id, repositoryId: repository.id });
      }
      rules.push({
        id: `demo-rule-mono-${r}-${position}`,
        repositoryId: repository.id,
        position,
        pattern,
        systemId: system.id,
        ownerLabels: [`@${ORG}/${team.slug}`],
        ownerTeamIds: [team.id],
        ownerUserIds: [],
      });
    });
  });
  systems.forEach((system, i) => {
    const repository = { id: `demo-repo-${pad(i)}`, name: `${ORG}/${system.slug}` };
    const team = teams.find((t) => t.id === system.owningTeamId)!;
    repositories.push(repository);
    systemRepositories.push({ systemId: system.id, repositoryId: repository.id });
    rules.push({
      id: `demo-rule-${pad(i)}`,
      repositoryId: repository.id,
      position: 0,
      pattern: "*",
      systemId: system.id,
      ownerLabels: [`@${ORG}/${team.slug}`],
      ownerTeamIds: [team.id],
      ownerUserIds: [],
    });
  });

  // Extra approvers: SRE co-owns every tier-1 system of the platform teams, and a principal
  // from security is an extra approver on identity and IAM systems.
  const extraApprovers: DemoOrganisation["extraApprovers"] = [];
  const sre = teamBySlug.get("sre")!;
  const platform = new Set(
    ["networking", "compute", "storage", "databases"].map((s) => teamBySlug.get(s)!.id),
  );
  const securityTeam = teamBySlug.get("security")!;
  const securityPrincipal = engineers.find(
    (e) =>
      e.level === "PRINCIPAL" &&
      memberships.some((m) => m.userId === e.id && m.teamId === securityTeam.id),
  );
  const identityTeams = new Set(["identity", "iam"].map((s) => teamBySlug.get(s)!.id));
  systems.forEach((system) => {
    if (system.tier === 1 && platform.has(system.owningTeamId)) {
      extraApprovers.push({
        id: `demo-xa-t-${system.id}`,
        systemId: system.id,
        userId: null,
        teamId: sre.id,
      });
    }
    if (securityPrincipal && identityTeams.has(system.owningTeamId)) {
      extraApprovers.push({
        id: `demo-xa-u-${system.id}`,
        systemId: system.id,
        userId: securityPrincipal.id,
        teamId: null,
      });
    }
  });

  // A 90-day "code safety reset" over every tier-1 system, a month in.
  const windows: DemoOrganisation["windows"] = [
    {
      id: "demo-window-safety-reset",
      name: "Tier-1 safety reset",
      kind: "POLICY",
      startsAt: new Date(now.getTime() - 30 * DAY),
      endsAt: new Date(now.getTime() + 60 * DAY),
      tiers: [1],
      systemIds: [],
      minApprovals: 2,
      minLevel: "SENIOR",
      requirePrincipal: false,
      description:
        "90-day code safety reset after the checkout outage: every tier-1 change needs two SENIOR+ approvals.",
    },
  ];

  return {
    users,
    teams,
    memberships,
    systems,
    repositories,
    systemRepositories,
    extraApprovers,
    rules,
    windows,
  };
}
