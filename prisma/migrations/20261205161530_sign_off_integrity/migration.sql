-- AlterTable
ALTER TABLE "Requirement" ADD COLUMN     "ruleIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "routingPaths" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Who owns a system, and through what: the one definition of ownership (docs/decisions/0005).
-- A row with a "ruleId" owns only the requirements whose winning CODEOWNERS lines include that
-- rule; a row without one owns every requirement of the system. Routing, the system page, the
-- review page, the approval and the queue all read ownership from this view.
CREATE VIEW "SystemOwnership" AS
  SELECT s.id AS "systemId", m."userId", 'team'::text AS kind, t.slug AS detail, NULL::text AS "ruleId"
    FROM "System" s JOIN "Team" t ON t.id = s."owningTeamId" JOIN "TeamMember" m ON m."teamId" = t.id
  UNION ALL
  SELECT a."systemId", a."userId", 'extra-user'::text, NULL::text, NULL::text
    FROM "SystemApprover" a WHERE a."userId" IS NOT NULL
  UNION ALL
  SELECT a."systemId", m."userId", 'extra-team'::text, t.slug, NULL::text
    FROM "SystemApprover" a JOIN "Team" t ON t.id = a."teamId" JOIN "TeamMember" m ON m."teamId" = t.id
  UNION ALL
  SELECT r."systemId", o."userId", 'codeowner'::text, r.pattern, r.id
    FROM "OwnershipRule" r JOIN "RuleOwner" o ON o."ruleId" = r.id
   WHERE r."systemId" IS NOT NULL AND o."userId" IS NOT NULL
  UNION ALL
  -- A team owning a line of its own system adds nothing beyond membership.
  SELECT r."systemId", m."userId", 'codeowner'::text, r.pattern, r.id
    FROM "OwnershipRule" r JOIN "RuleOwner" o ON o."ruleId" = r.id
    JOIN "TeamMember" m ON m."teamId" = o."teamId" JOIN "System" s ON s.id = r."systemId"
   WHERE o."teamId" IS NOT NULL AND o."teamId" <> s."owningTeamId";
