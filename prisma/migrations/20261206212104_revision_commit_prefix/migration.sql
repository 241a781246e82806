-- The gate by commit (GET /api/v1/gate) takes a full commit id or a prefix of at least 7: a
-- pattern-ops index answers `LIKE 'prefix%'` under any database collation (the default one cannot
-- unless the collation is C), and equality as well. Without it a commit no change names walked
-- every change (docs/decisions/0016-scale.md).
-- DropIndex
DROP INDEX "Revision_commitSha_idx";

-- CreateIndex
CREATE INDEX "Revision_commitSha_idx" ON "Revision"("commitSha" text_pattern_ops);
