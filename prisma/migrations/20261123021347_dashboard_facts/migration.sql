-- DropIndex
DROP INDEX "ChangeRequest_deployedAt_aiExtent_authorId_linesAdded_lines_idx";

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "authorLevel" "Level",
ADD COLUMN     "causedIncident" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ChangeRequest_deployedAt_aiExtent_authorLevel_linesAdded_li_idx" ON "ChangeRequest"("deployedAt", "aiExtent", "authorLevel", "linesAdded", "linesRemoved", "causedIncident");

-- Backfill the facts for changes written before these columns existed.
UPDATE "ChangeRequest" c SET "authorLevel" = u.level FROM "User" u WHERE u.id = c."authorId" AND c."authorLevel" IS NULL;
UPDATE "ChangeRequest" c SET "causedIncident" = true
  WHERE EXISTS (SELECT 1 FROM "IncidentChange" ic WHERE ic."changeId" = c.id AND ic.kind = 'CAUSE');
