// API tokens: created by a person for themselves or by an admin for anyone (scopes never wider than
// the owner's permissions), shown once, kept as a SHA-256 hash, revocable, with their last use.
// docs/decisions/0012-api-tokens.md.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
import { can } from "@/lib/authz/can";
import {
  PERSON_COLUMNS,
  personSql,
  type Actor,
  type Person,
  type TokenActor,
} from "@/lib/domain/actor";
import {
  SCOPE_NAMES,
  SECRET_PATTERN,
  SECRET_PREFIX,
  scopesBeyond,
  tokenUnusable,
  type Scope,
} from "@/lib/domain/tokens/scopes";
import { AppError, forbidden, notFound, validationError } from "@/lib/errors";
import { dateTime, parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "give the token a name")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/, "use letters, digits, spaces and . _ : / -");

export const createTokenSchema = z
  .object({
    name: tokenNameSchema,
    /** Whose token (an e-mail address); yourself when left out. Only admins name someone else. */
    owner: z.email("must be an e-mail address").max(320).optional(),
    scopes: z
      .array(z.enum(SCOPE_NAMES as [Scope, ...Scope[]], `must be one of ${SCOPE_NAMES.join(", ")}`))
      .min(1, "choose at least one scope")
      .max(SCOPE_NAMES.length)
      .refine((s) => new Set(s).size === s.length, "names a scope twice"),
    expiresAt: dateTime.nullish(),
  })
  .strict();

export type CreateTokenInput = z.input<typeof createTokenSchema>;

const hashOf = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

export interface TokenView {
  id: string;
  name: string;
  owner: { name: string; email: string; handle: string };
  scopes: string[];
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  state: "active" | "expired" | "revoked";
}

const viewSelect = {
  id: true,
  name: true,
  scopes: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  owner: { select: { name: true, email: true, handle: true } },
} as const;

type Row = {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  owner: { name: string; email: string; handle: string };
};

const toView = (t: Row): TokenView => ({
  ...t,
  state: t.revokedAt ? "revoked" : tokenUnusable(t, new Date()) ? "expired" : "active",
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

const isAdmin = (actor: Actor) => actor.kind === "system" || can(actor, "admin:use");

/** Creates a token and returns its secret, which is never shown again. */
export async function createToken(
  actor: Actor,
  raw: unknown,
  now: Date = new Date(),
): Promise<{ token: TokenView; secret: string }> {
  // A token cannot mint tokens: a leaked one must not be able to outlive its revocation.
  if (actor.kind === "token") throw forbidden("API tokens cannot create tokens.");
  const input = parseInput(createTokenSchema, raw);
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
    throw validationError([{ field: "expiresAt", message: "must be in the future" }]);
  const ownerEmail = input.owner?.toLowerCase() ?? (actor.kind === "user" ? actor.email : null);
  if (!ownerEmail) throw validationError([{ field: "owner", message: "name the token's owner" }]);
  const owner = await db.user.findFirst({
    where: { email: { equals: ownerEmail, mode: "insensitive" } },
    select: PERSON_COLUMNS,
  });
  if (!owner)
    throw validationError([{ field: "owner", message: `nobody has the address ${ownerEmail}` }]);
  if (!owner.active)
    throw validationError([{ field: "owner", message: `${owner.email} is deactivated` }]);
  if (actor.kind === "user" && actor.id !== owner.id && !isAdmin(actor))
    throw forbidden("Only an admin can create a token for someone else.");
  const beyond = scopesBeyond(input.scopes, (p) => can({ kind: "user", ...owner }, p));
  if (beyond.length)
    throw new AppError(
      "UNPROCESSABLE",
      `A token cannot do more than its owner: ${beyond.map((b) => b.why).join("; ")}.`,
      beyond.map((b) => ({ field: "scopes", message: `${b.scope}: ${b.why}` })),
    );

  const secret = `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
  return mutate(actor, async (tx) => {
    const taken = await tx.apiToken.findUnique({
      where: { name: input.name },
      select: { id: true },
    });
    if (taken)
      throw new AppError("CONFLICT", `A token named "${input.name}" already exists.`, [
        { field: "name", message: "is taken" },
      ]);
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        ownerId: owner.id,
        scopes: input.scopes,
        secretHash: hashOf(secret),
        prefix: `${secret.slice(0, 8)}…`,
        createdById: actor.kind === "user" ? actor.id : null,
        expiresAt: input.expiresAt ?? null,
      },
      select: viewSelect,
    });
    return {
      result: { token: toView(token), secret },
      event: {
        action: "token.created",
        subjectType: "token",
        subjectId: token.id,
        subjectLabel: token.name,
        payload: {
          name: token.name,
          owner: owner.email,
          scopes: token.scopes,
          expiresAt: token.expiresAt?.toISOString() ?? null,
        },
      },
    };
  });
}

/** Revokes a token by id or name: its owner or an admin. Revoking twice changes nothing. */
export async function revokeToken(actor: Actor, idOrName: string): Promise<TokenView> {
  if (actor.kind === "token") throw forbidden("API tokens cannot revoke tokens.");
  return mutate(actor, async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { OR: [{ id: idOrName }, { name: idOrName }] },
      select: { ...viewSelect, ownerId: true },
    });
    if (!token) throw notFound(`No token named ${idOrName}.`);
    if (actor.kind === "user" && token.ownerId !== actor.id && !isAdmin(actor))
      throw notFound(`No token named ${idOrName}.`);
    if (token.revokedAt) return { result: toView(token), event: null };
    const revoked = await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: new Date() },
      select: viewSelect,
    });
    return {
      result: toView(revoked),
      event: {
        action: "token.revoked",
        subjectType: "token",
        subjectId: token.id,
        subjectLabel: token.name,
        payload: { name: token.name, owner: token.owner.email },
      },
    };
  });
}

/** A person's own tokens, or every token for an admin asking for all. Newest first. */
export async function listTokens(
  viewer: { id: string },
  scope: "mine" | "all",
): Promise<TokenView[]> {
  const rows = await db.apiToken.findMany({
    where: scope === "mine" ? { ownerId: viewer.id } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: viewSelect,
  });
  return rows.map(toView);
}

type TokenRow = Person & {
  tokenId: string;
  tokenName: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** How often a token's last use is written: at most once a minute per token. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * The actor a bearer secret stands for, or a 401 saying why not (unknown, revoked, expired, or an
 * owner who was deactivated). The owner is read afresh, so a changed level or role applies at once.
 */
export async function authenticateToken(
  secret: string,
  now: Date = new Date(),
): Promise<TokenActor> {
  if (!SECRET_PATTERN.test(secret))
    throw new AppError("UNAUTHENTICATED", "The bearer token is not a Countersign token.");
  // Every pipeline poll comes through here: one prepared statement (lib/db/reader.ts), as the
  // session's person is read (docs/decisions/0016-scale.md).
  const [row] = await readerFor(db).query<TokenRow>(
    "token-actor",
    `SELECT ${personSql("u")}, t.id AS "tokenId", t.name AS "tokenName", t.scopes,
            t."expiresAt", t."revokedAt", t."lastUsedAt"
       FROM "ApiToken" t JOIN "User" u ON u.id = t."ownerId"
      WHERE t."secretHash" = $1`,
    [hashOf(secret)],
  );
  if (!row) throw new AppError("UNAUTHENTICATED", "The bearer token is not known.");
  const { tokenId, tokenName, scopes, expiresAt, revokedAt, lastUsedAt, ...owner } = row;
  const unusable = tokenUnusable({ expiresAt, revokedAt }, now);
  if (unusable) throw new AppError("UNAUTHENTICATED", unusable);
  if (!owner.active) throw new AppError("UNAUTHENTICATED", "The token's owner is deactivated.");
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    // Operational state, like the rate counters: not audited (the requests it makes are).
    await db.$queryRaw`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE id = ${tokenId} RETURNING id`;
  }
  return { kind: "token", ...owner, token: { id: tokenId, name: tokenName, scopes } };
}
