-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "reviewerLevel" "Level";

-- CreateTable
CREATE TABLE "MetricChange" (
    "scope" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "firstReviewHours" DOUBLE PRECISION,
    "approvalHours" DOUBLE PRECISION,
    "slaBreached" BOOLEAN NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "approvals" INTEGER NOT NULL,
    "approvalsMid" INTEGER NOT NULL,
    "approvalsSenior" INTEGER NOT NULL,
    "approvalsPrincipal" INTEGER NOT NULL,
    "deployedAt" TIMESTAMP(3),
    "aiExtent" "AiExtent" NOT NULL,
    "authorLevel" TEXT NOT NULL,
    "sizeBucket" TEXT NOT NULL,
    "caused" BOOLEAN NOT NULL,
    "approverIds" TEXT[],

    CONSTRAINT "MetricChange_pkey" PRIMARY KEY ("scope","changeId")
);

-- CreateTable
CREATE TABLE "MetricReview" (
    "scope" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "approve" BOOLEAN NOT NULL,
    "flagged" BOOLEAN NOT NULL,
    "secondsSpent" INTEGER NOT NULL,
    "linesChanged" INTEGER NOT NULL,

    CONSTRAINT "MetricReview_pkey" PRIMARY KEY ("scope","reviewId")
);

-- CreateTable
CREATE TABLE "MetricDeployDay" (
    "scope" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "aiExtent" "AiExtent" NOT NULL,
    "authorLevel" TEXT NOT NULL,
    "sizeBucket" TEXT NOT NULL,
    "deployed" INTEGER NOT NULL,
    "caused" INTEGER NOT NULL,

    CONSTRAINT "MetricDeployDay_pkey" PRIMARY KEY ("scope","day","aiExtent","authorLevel","sizeBucket")
);

-- CreateTable
CREATE TABLE "MetricApproverDay" (
    "scope" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "approverId" TEXT NOT NULL,
    "deployed" INTEGER NOT NULL,
    "caused" INTEGER NOT NULL,

    CONSTRAINT "MetricApproverDay_pkey" PRIMARY KEY ("scope","day","approverId")
);

-- CreateTable
CREATE TABLE "MetricReviewDay" (
    "scope" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "reviews" INTEGER NOT NULL,
    "linesChanged" INTEGER NOT NULL,
    "approvals" INTEGER NOT NULL,
    "flagged" INTEGER NOT NULL,

    CONSTRAINT "MetricReviewDay_pkey" PRIMARY KEY ("scope","day","reviewerId")
);

-- CreateIndex
CREATE INDEX "MetricChange_changeId_idx" ON "MetricChange"("changeId");

-- CreateIndex
CREATE INDEX "MetricChange_scope_submittedAt_firstReviewHours_approvalHou_idx" ON "MetricChange"("scope", "submittedAt", "firstReviewHours", "approvalHours", "slaBreached");

-- CreateIndex
CREATE INDEX "MetricChange_scope_deployedAt_idx" ON "MetricChange"("scope", "deployedAt");

-- CreateIndex
CREATE INDEX "MetricChange_scope_approvedAt_approvals_approvalsMid_approv_idx" ON "MetricChange"("scope", "approvedAt", "approvals", "approvalsMid", "approvalsSenior", "approvalsPrincipal");

-- CreateIndex
CREATE INDEX "MetricReview_changeId_idx" ON "MetricReview"("changeId");

-- CreateIndex
CREATE INDEX "MetricReview_scope_createdAt_idx" ON "MetricReview"("scope", "createdAt");

-- CreateIndex
CREATE INDEX "MetricReview_scope_reviewerId_createdAt_secondsSpent_idx" ON "MetricReview"("scope", "reviewerId", "createdAt", "secondsSpent");

-- CreateIndex
CREATE INDEX "MetricReview_scope_flagged_createdAt_idx" ON "MetricReview"("scope", "flagged", "createdAt");

-- ---------------------------------------------------------------------------------------------
-- Hand-written from here: what keeps the dashboard's facts and rollups above in step with the
-- changes, their systems and their reviews. The portal never writes these tables itself.
--
--   base tables --(deferred row triggers)--> metric_refresh(change ids)
--     --(recomputes the changes' rows of the two views below, replaces those that differ)-->
--   MetricChange / MetricReview --(statement triggers, signed deltas)--> the *Day rollups
--
-- The refresh runs when the transaction commits, under the audit chain's advisory lock (which
-- every audited write already holds), so rollup rows are only ever updated by one transaction at
-- a time: no lost updates and no lock-order deadlocks between concurrent writers.
-- `SET LOCAL countersign.metrics = 'off'` skips it for bulk loads, which then call
-- metric_rebuild(). metric_check() lists any row that differs from a fresh computation.

-- Reviews keep the reviewer's level at the time of the decision.
CREATE FUNCTION review_reviewer_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR NEW."reviewerLevel" IS NULL THEN
    NEW."reviewerLevel" := (SELECT u.level FROM "User" u WHERE u.id = NEW."reviewerId");
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Review_reviewer_level" BEFORE INSERT OR UPDATE OF decision, "reviewerId" ON "Review"
  FOR EACH ROW EXECUTE FUNCTION review_reviewer_level();
UPDATE "Review" r SET "reviewerLevel" = u.level FROM "User" u
  WHERE u.id = r."reviewerId" AND r."reviewerLevel" IS NULL;

-- The size buckets of lib/domain/metrics/size.ts (an integration test checks that they agree).
CREATE FUNCTION metric_size_bucket(lines integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lines <= 10 THEN 'XS' WHEN lines <= 50 THEN 'S' WHEN lines <= 250 THEN 'M'
    WHEN lines <= 1000 THEN 'L' ELSE 'XL' END
$$;

-- Every scope a change touches: "all", and for each of its systems the tier, the owning team,
-- the team and tier together, and the system itself. (A function called per change, so that a
-- refresh of one change reads only that change's systems.)
CREATE FUNCTION metric_scopes(change_id text) RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT 'all'::text
  UNION
  SELECT k.scope
  FROM "ChangeSystem" cs
  JOIN "System" s ON s.id = cs."systemId"
  CROSS JOIN LATERAL unnest(ARRAY[
    'tier:' || s.tier, 'team:' || s."owningTeamId", 'team:' || s."owningTeamId" || '/tier:' || s.tier,
    'system:' || s.id]) AS k(scope)
  WHERE cs."changeId" = change_id
$$;

-- What MetricChange must hold, column for column.
CREATE VIEW metric_change_facts AS
  SELECT k.scope, c.id AS "changeId", c."submittedAt",
    (extract(epoch FROM (c."firstReviewAt" - c."submittedAt")) / 3600.0)::float8 AS "firstReviewHours",
    (extract(epoch FROM (c."approvedAt" - c."submittedAt")) / 3600.0)::float8 AS "approvalHours",
    c."slaBreachedAt" IS NOT NULL AS "slaBreached",
    c."approvedAt", a.approvals, a.mid AS "approvalsMid", a.senior AS "approvalsSenior",
    a.principal AS "approvalsPrincipal", c."deployedAt", c."aiExtent",
    coalesce(c."authorLevel"::text, 'UNKNOWN') AS "authorLevel",
    metric_size_bucket(c."linesAdded" + c."linesRemoved") AS "sizeBucket",
    c."causedIncident" AS caused, a.ids AS "approverIds"
  FROM "ChangeRequest" c
  CROSS JOIN LATERAL metric_scopes(c.id) AS k(scope)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS approvals,
      count(*) FILTER (WHERE r."reviewerLevel" >= 'MID')::int AS mid,
      count(*) FILTER (WHERE r."reviewerLevel" >= 'SENIOR')::int AS senior,
      count(*) FILTER (WHERE r."reviewerLevel" = 'PRINCIPAL')::int AS principal,
      coalesce(array_agg(r."reviewerId" ORDER BY r."reviewerId"), '{}') AS ids
    FROM "Review" r
    WHERE r."changeId" = c.id AND r.revision = c."currentRevision" AND r.decision = 'APPROVE'
  ) a
  WHERE c."submittedAt" IS NOT NULL;

-- What MetricReview must hold, column for column.
CREATE VIEW metric_review_facts AS
  SELECT k.scope, r.id AS "reviewId", r."changeId", r."createdAt", r."reviewerId",
    r.decision = 'APPROVE' AS approve, r."possibleRubberStamp" AS flagged, r."secondsSpent",
    c."linesAdded" + c."linesRemoved" AS "linesChanged"
  FROM "Review" r
  JOIN "ChangeRequest" c ON c.id = r."changeId"
  CROSS JOIN LATERAL metric_scopes(r."changeId") AS k(scope)
  WHERE c."submittedAt" IS NOT NULL;

-- Recomputes the facts of the given changes and replaces the rows that differ (when none
-- differ, as for most repeated refreshes in one transaction, it writes nothing).
CREATE FUNCTION metric_refresh(ids text[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  want_changes "MetricChange"[];
  have_changes "MetricChange"[];
  want_reviews "MetricReview"[];
  have_reviews "MetricReview"[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7242002);
  SELECT coalesce(array_agg(ROW(f.*)::"MetricChange" ORDER BY f."changeId", f.scope), '{}')
    INTO want_changes FROM metric_change_facts f WHERE f."changeId" = ANY(ids);
  SELECT coalesce(array_agg(m ORDER BY m."changeId", m.scope), '{}')
    INTO have_changes FROM "MetricChange" m WHERE m."changeId" = ANY(ids);
  IF want_changes IS DISTINCT FROM have_changes THEN
    DELETE FROM "MetricChange" m WHERE m."changeId" = ANY(ids) AND NOT (m = ANY(want_changes));
    INSERT INTO "MetricChange" SELECT * FROM unnest(want_changes) ON CONFLICT DO NOTHING;
  END IF;
  SELECT coalesce(array_agg(ROW(f.*)::"MetricReview" ORDER BY f."reviewId", f.scope), '{}')
    INTO want_reviews FROM metric_review_facts f WHERE f."changeId" = ANY(ids);
  SELECT coalesce(array_agg(m ORDER BY m."reviewId", m.scope), '{}')
    INTO have_reviews FROM "MetricReview" m WHERE m."changeId" = ANY(ids);
  IF want_reviews IS DISTINCT FROM have_reviews THEN
    DELETE FROM "MetricReview" m WHERE m."changeId" = ANY(ids) AND NOT (m = ANY(want_reviews));
    INSERT INTO "MetricReview" SELECT * FROM unnest(want_reviews) ON CONFLICT DO NOTHING;
  END IF;
END;
$$;

-- Rollups follow the fact rows: +1 for each inserted row, -1 for each deleted one.
CREATE FUNCTION metric_change_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO "MetricDeployDay" AS t (scope, "day", "aiExtent", "authorLevel", "sizeBucket", deployed, caused)
    SELECT f.scope, f."deployedAt"::date, f."aiExtent", f."authorLevel", f."sizeBucket",
      sign * count(*)::int, sign * (count(*) FILTER (WHERE f.caused))::int
    FROM changed_rows f WHERE f."deployedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (scope, "day", "aiExtent", "authorLevel", "sizeBucket")
    DO UPDATE SET deployed = t.deployed + excluded.deployed, caused = t.caused + excluded.caused;
  INSERT INTO "MetricApproverDay" AS t (scope, "day", "approverId", deployed, caused)
    SELECT f.scope, f."deployedAt"::date, a.id, sign * count(*)::int,
      sign * (count(*) FILTER (WHERE f.caused))::int
    FROM changed_rows f CROSS JOIN LATERAL unnest(f."approverIds") AS a(id)
    WHERE f."deployedAt" IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, "day", "approverId")
    DO UPDATE SET deployed = t.deployed + excluded.deployed, caused = t.caused + excluded.caused;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "MetricChange_rollup_insert" AFTER INSERT ON "MetricChange"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_change_rollup();
CREATE TRIGGER "MetricChange_rollup_delete" AFTER DELETE ON "MetricChange"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_change_rollup();

CREATE FUNCTION metric_review_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO "MetricReviewDay" AS t (scope, "day", "reviewerId", reviews, "linesChanged", approvals, flagged)
    SELECT f.scope, f."createdAt"::date, f."reviewerId", sign * count(*)::int,
      sign * sum(f."linesChanged")::int, sign * (count(*) FILTER (WHERE f.approve))::int,
      sign * (count(*) FILTER (WHERE f.approve AND f.flagged))::int
    FROM changed_rows f
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, "day", "reviewerId")
    DO UPDATE SET reviews = t.reviews + excluded.reviews,
      "linesChanged" = t."linesChanged" + excluded."linesChanged",
      approvals = t.approvals + excluded.approvals, flagged = t.flagged + excluded.flagged;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "MetricReview_rollup_insert" AFTER INSERT ON "MetricReview"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_review_rollup();
CREATE TRIGGER "MetricReview_rollup_delete" AFTER DELETE ON "MetricReview"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_review_rollup();

-- Fact rows are replaced, never edited in place (an edit would bypass the rollups).
CREATE FUNCTION metric_facts_replace_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% holds derived rows: they are replaced by metric_refresh(), not updated', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER "MetricChange_no_update" BEFORE UPDATE ON "MetricChange"
  FOR EACH ROW EXECUTE FUNCTION metric_facts_replace_only();
CREATE TRIGGER "MetricReview_no_update" BEFORE UPDATE ON "MetricReview"
  FOR EACH ROW EXECUTE FUNCTION metric_facts_replace_only();

-- The rollups as they follow from the fact rows (metric_rebuild fills them from these, and
-- metric_check compares them with these).
CREATE VIEW metric_deploy_days AS
  SELECT scope, "deployedAt"::date AS "day", "aiExtent", "authorLevel", "sizeBucket",
    count(*)::int AS deployed, (count(*) FILTER (WHERE caused))::int AS caused
  FROM "MetricChange" WHERE "deployedAt" IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
CREATE VIEW metric_approver_days AS
  SELECT scope, "deployedAt"::date AS "day", a.id AS "approverId", count(*)::int AS deployed,
    (count(*) FILTER (WHERE caused))::int AS caused
  FROM "MetricChange" CROSS JOIN LATERAL unnest("approverIds") AS a(id)
  WHERE "deployedAt" IS NOT NULL GROUP BY 1, 2, 3;
CREATE VIEW metric_review_days AS
  SELECT scope, "createdAt"::date AS "day", "reviewerId", count(*)::int AS reviews,
    sum("linesChanged")::int AS "linesChanged", (count(*) FILTER (WHERE approve))::int AS approvals,
    (count(*) FILTER (WHERE approve AND flagged))::int AS flagged
  FROM "MetricReview" GROUP BY 1, 2, 3;

-- Recomputes everything from the base tables (bulk loads, repairs): the fact tables are filled
-- without their secondary indexes and rollup triggers, which are rebuilt afterwards in bulk.
CREATE FUNCTION metric_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  idx record;
  defs text[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(7242002);
  -- Fresh statistics first: after a bulk load in the same transaction the planner would
  -- otherwise plan for empty tables.
  ANALYZE "ChangeRequest", "ChangeSystem", "System", "Review";
  TRUNCATE "MetricChange", "MetricReview", "MetricDeployDay", "MetricApproverDay", "MetricReviewDay";
  FOR idx IN SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename IN ('MetricChange', 'MetricReview')
      AND indexname NOT LIKE '%\_pkey'
  LOOP
    defs := defs || idx.indexdef;
    EXECUTE format('DROP INDEX %I', idx.indexname);
  END LOOP;
  ALTER TABLE "MetricChange" DISABLE TRIGGER "MetricChange_rollup_insert";
  ALTER TABLE "MetricReview" DISABLE TRIGGER "MetricReview_rollup_insert";
  -- Written in the order they are read (a scope's time range), as the triggers append new days:
  -- a 90-day range of one scope is then a few contiguous pages, not one page per row.
  INSERT INTO "MetricChange" SELECT * FROM metric_change_facts ORDER BY scope, "submittedAt";
  INSERT INTO "MetricReview" SELECT * FROM metric_review_facts ORDER BY scope, "createdAt";
  ALTER TABLE "MetricChange" ENABLE TRIGGER "MetricChange_rollup_insert";
  ALTER TABLE "MetricReview" ENABLE TRIGGER "MetricReview_rollup_insert";
  INSERT INTO "MetricDeployDay" SELECT * FROM metric_deploy_days ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO "MetricApproverDay" SELECT * FROM metric_approver_days ORDER BY 1, 2, 3;
  INSERT INTO "MetricReviewDay" SELECT * FROM metric_review_days ORDER BY 1, 2, 3;
  FOR i IN 1 .. cardinality(defs) LOOP
    EXECUTE defs[i];
  END LOOP;
  ANALYZE "MetricChange", "MetricReview", "MetricDeployDay", "MetricApproverDay", "MetricReviewDay";
END;
$$;

-- The base tables: each write marks its change for a refresh when the transaction commits.
CREATE FUNCTION metric_touch_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
  RETURN NULL;
END;
$$;
CREATE FUNCTION metric_touch_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM metric_refresh(ARRAY[NEW."changeId"]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM metric_refresh(ARRAY[OLD."changeId"]);
  ELSE
    PERFORM metric_refresh(ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[OLD."changeId", NEW."changeId"]) x));
  END IF;
  RETURN NULL;
END;
$$;
CREATE FUNCTION metric_touch_system() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_refresh(ARRAY(SELECT cs."changeId" FROM "ChangeSystem" cs WHERE cs."systemId" = NEW.id));
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "ChangeRequest_metrics_insert" AFTER INSERT OR DELETE ON "ChangeRequest"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('countersign.metrics', true) IS DISTINCT FROM 'off')
  EXECUTE FUNCTION metric_touch_change();
CREATE CONSTRAINT TRIGGER "ChangeRequest_metrics_update" AFTER UPDATE ON "ChangeRequest"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('countersign.metrics', true) IS DISTINCT FROM 'off'
    AND (OLD."submittedAt", OLD."firstReviewAt", OLD."approvedAt", OLD."slaBreachedAt", OLD."deployedAt",
         OLD."aiExtent", OLD."authorLevel", OLD."linesAdded", OLD."linesRemoved", OLD."causedIncident",
         OLD."currentRevision")
      IS DISTINCT FROM
        (NEW."submittedAt", NEW."firstReviewAt", NEW."approvedAt", NEW."slaBreachedAt", NEW."deployedAt",
         NEW."aiExtent", NEW."authorLevel", NEW."linesAdded", NEW."linesRemoved", NEW."causedIncident",
         NEW."currentRevision"))
  EXECUTE FUNCTION metric_touch_change();
CREATE CONSTRAINT TRIGGER "ChangeSystem_metrics" AFTER INSERT OR UPDATE OR DELETE ON "ChangeSystem"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('countersign.metrics', true) IS DISTINCT FROM 'off')
  EXECUTE FUNCTION metric_touch_child();
CREATE CONSTRAINT TRIGGER "Review_metrics" AFTER INSERT OR UPDATE OR DELETE ON "Review"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('countersign.metrics', true) IS DISTINCT FROM 'off')
  EXECUTE FUNCTION metric_touch_child();
CREATE CONSTRAINT TRIGGER "System_metrics" AFTER UPDATE ON "System"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('countersign.metrics', true) IS DISTINCT FROM 'off'
    AND (OLD.tier, OLD."owningTeamId") IS DISTINCT FROM (NEW.tier, NEW."owningTeamId"))
  EXECUTE FUNCTION metric_touch_system();

-- Rows that differ from a fresh computation, per table (all zero when everything is in step).
CREATE FUNCTION metric_check() RETURNS TABLE (relation text, differing bigint)
  LANGUAGE sql STABLE SET jit = off AS $$
  SELECT 'MetricChange', count(*) FROM (
    (SELECT * FROM "MetricChange" EXCEPT ALL SELECT * FROM metric_change_facts)
    UNION ALL (SELECT * FROM metric_change_facts EXCEPT ALL SELECT * FROM "MetricChange")) x
  UNION ALL
  SELECT 'MetricReview', count(*) FROM (
    (SELECT * FROM "MetricReview" EXCEPT ALL SELECT * FROM metric_review_facts)
    UNION ALL (SELECT * FROM metric_review_facts EXCEPT ALL SELECT * FROM "MetricReview")) x
  UNION ALL
  SELECT 'MetricDeployDay', count(*) FROM (
    (SELECT * FROM "MetricDeployDay" WHERE deployed <> 0 OR caused <> 0
      EXCEPT SELECT * FROM metric_deploy_days)
    UNION ALL (SELECT * FROM metric_deploy_days EXCEPT SELECT * FROM "MetricDeployDay")) x
  UNION ALL
  SELECT 'MetricApproverDay', count(*) FROM (
    (SELECT * FROM "MetricApproverDay" WHERE deployed <> 0 OR caused <> 0
      EXCEPT SELECT * FROM metric_approver_days)
    UNION ALL (SELECT * FROM metric_approver_days EXCEPT SELECT * FROM "MetricApproverDay")) x
  UNION ALL
  SELECT 'MetricReviewDay', count(*) FROM (
    (SELECT * FROM "MetricReviewDay" WHERE reviews <> 0 EXCEPT SELECT * FROM metric_review_days)
    UNION ALL (SELECT * FROM metric_review_days EXCEPT SELECT * FROM "MetricReviewDay")) x
$$;

-- Facts for the changes already here.
SELECT metric_rebuild();
