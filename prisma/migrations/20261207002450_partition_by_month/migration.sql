-- Hand-written: the audit trail and the review facts become tables partitioned by month
-- (docs/decisions/0017-partitions-and-replicas.md). PostgreSQL wants the partition key in every
-- unique index, so the keys gain the time column; the rows, indexes, triggers and views stay as
-- they were. Existing rows are copied into the new partitions in one transaction.

-- Creates the month partition of `parent` holding `month` unless it exists. Rows of that month
-- that reached the DEFAULT partition (no month partition existed when they were written) are
-- moved into it first, so nothing written is ever refused and nothing is left behind.
CREATE FUNCTION partition_month_ensure(parent text, month date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  name text := format('%s_%s', parent, to_char(month, 'YYYY_MM'));
  fallback text := parent || '_default';
  key text := substring(pg_get_partkeydef(format('%I', parent)::regclass) FROM '\((.*)\)');
  lo text := to_char(date_trunc('month', month), 'YYYY-MM-DD') || ' 00:00:00+00';
  hi text := to_char(date_trunc('month', month) + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00';
  stranded boolean;
BEGIN
  IF to_regclass(format('%I', name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %s >= %L AND %s < %L)', fallback, key, lo, key, hi)
    INTO stranded;
  IF stranded THEN
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name, parent);
    -- Moving rows is not deleting them: the append-only guards step aside for this one statement.
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', fallback);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %s >= %L AND %s < %L RETURNING *) '
                   'INSERT INTO %I SELECT * FROM moved', fallback, key, lo, key, hi, name);
    EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', fallback);
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, name, lo, hi);
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', name, parent, lo, hi);
  END IF;
  IF parent = 'AuditEvent' THEN
    -- Row triggers reach partitions by themselves; a TRUNCATE trigger has to be on each one.
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                   'EXECUTE FUNCTION audit_event_append_only()', name || '_no_truncate', name);
  END IF;
  RETURN true;
END;
$$;

-- Month partitions of the three tables from the month of `since` (or of the oldest row waiting in
-- a DEFAULT partition) to three months ahead. Run by the job worker daily, by the seeds before
-- they write history, and here. Returns how many partitions it created.
CREATE FUNCTION partitions_ensure(since timestamptz DEFAULT now()) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  parent text;
  key text;
  first date;
  month date;
  made integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7242003);
  FOREACH parent IN ARRAY ARRAY['AuditEvent', 'MetricChange', 'MetricReview'] LOOP
    key := substring(pg_get_partkeydef(format('%I', parent)::regclass) FROM '\((.*)\)');
    EXECUTE format('SELECT least(%L::date, (SELECT min(%s) FROM %I)::date)',
                   (since AT TIME ZONE 'UTC')::date, key, parent || '_default') INTO first;
    month := date_trunc('month', first)::date;
    WHILE month <= date_trunc('month', (now() AT TIME ZONE 'UTC') + interval '3 months')::date LOOP
      IF partition_month_ensure(parent, month) THEN
        made := made + 1;
      END IF;
      month := (month + interval '1 month')::date;
    END LOOP;
  END LOOP;
  RETURN made;
END;
$$;

-- The audit trail.
ALTER TABLE "AuditEvent" RENAME TO "AuditEvent_unpartitioned";
ALTER TABLE "AuditEvent_unpartitioned" RENAME CONSTRAINT "AuditEvent_pkey" TO "AuditEvent_unpartitioned_pkey";
ALTER TABLE "AuditEvent_unpartitioned" RENAME CONSTRAINT "AuditEvent_seq_positive_check" TO "AuditEvent_unpartitioned_seq_check";
DROP INDEX "AuditEvent_hash_key", "AuditEvent_at_idx", "AuditEvent_actorId_seq_idx",
  "AuditEvent_action_seq_idx", "AuditEvent_subjectType_subjectId_seq_idx",
  "AuditEvent_subjectLabel_seq_idx", "AuditEvent_changeKey_seq_idx";
CREATE TABLE "AuditEvent" (
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "subjectLabel" TEXT,
    "changeKey" TEXT,
    "payload" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "AuditEvent_seq_positive_check" CHECK (seq > 0),
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq", "at")
) PARTITION BY RANGE ("at");
CREATE TABLE "AuditEvent_default" PARTITION OF "AuditEvent" DEFAULT;
CREATE TRIGGER "AuditEvent_default_no_truncate" BEFORE TRUNCATE ON "AuditEvent_default"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- The review facts.
DROP VIEW metric_deploy_days, metric_approver_days, metric_review_days;
ALTER TABLE "MetricChange" RENAME TO "MetricChange_unpartitioned";
ALTER TABLE "MetricChange_unpartitioned" RENAME CONSTRAINT "MetricChange_pkey" TO "MetricChange_unpartitioned_pkey";
DROP INDEX "MetricChange_changeId_idx", "MetricChange_scope_approvedAt_approvals_approvalsMid_approv_idx",
  "MetricChange_scope_deployedAt_idx", "MetricChange_scope_submittedAt_firstReviewHours_approvalHou_idx";
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
    CONSTRAINT "MetricChange_pkey" PRIMARY KEY ("scope", "changeId", "submittedAt")
) PARTITION BY RANGE ("submittedAt");
CREATE TABLE "MetricChange_default" PARTITION OF "MetricChange" DEFAULT;

ALTER TABLE "MetricReview" RENAME TO "MetricReview_unpartitioned";
ALTER TABLE "MetricReview_unpartitioned" RENAME CONSTRAINT "MetricReview_pkey" TO "MetricReview_unpartitioned_pkey";
DROP INDEX "MetricReview_changeId_idx", "MetricReview_scope_createdAt_idx",
  "MetricReview_scope_flagged_createdAt_idx", "MetricReview_scope_reviewerId_createdAt_secondsSpent_idx";
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
    CONSTRAINT "MetricReview_pkey" PRIMARY KEY ("scope", "reviewId", "createdAt")
) PARTITION BY RANGE ("createdAt");
CREATE TABLE "MetricReview_default" PARTITION OF "MetricReview" DEFAULT;

-- Month partitions for every row there is, then the rows (the chain's order; facts as they were:
-- the rollup tables already count them, and the rollup triggers are created after the copy).
SELECT partitions_ensure(least(now(),
  (SELECT min(at) FROM "AuditEvent_unpartitioned"),
  (SELECT min("submittedAt") FROM "MetricChange_unpartitioned") AT TIME ZONE 'UTC',
  (SELECT min("createdAt") FROM "MetricReview_unpartitioned") AT TIME ZONE 'UTC'));
INSERT INTO "AuditEvent" SELECT * FROM "AuditEvent_unpartitioned" ORDER BY seq;
INSERT INTO "MetricChange" SELECT * FROM "MetricChange_unpartitioned" ORDER BY scope, "submittedAt";
INSERT INTO "MetricReview" SELECT * FROM "MetricReview_unpartitioned" ORDER BY scope, "createdAt";
DROP TABLE "AuditEvent_unpartitioned", "MetricChange_unpartitioned", "MetricReview_unpartitioned";

CREATE UNIQUE INDEX "AuditEvent_hash_at_key" ON "AuditEvent"("hash", "at");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq" DESC);
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq" DESC);
CREATE INDEX "AuditEvent_subjectType_subjectId_seq_idx" ON "AuditEvent"("subjectType", "subjectId", "seq" DESC);
CREATE INDEX "AuditEvent_subjectLabel_seq_idx" ON "AuditEvent"("subjectLabel", "seq" DESC);
CREATE INDEX "AuditEvent_changeKey_seq_idx" ON "AuditEvent"("changeKey", "seq" DESC);
CREATE INDEX "MetricChange_changeId_idx" ON "MetricChange"("changeId");
CREATE INDEX "MetricChange_scope_approvedAt_approvals_approvalsMid_approv_idx" ON "MetricChange"("scope", "approvedAt", "approvals", "approvalsMid", "approvalsSenior", "approvalsPrincipal");
CREATE INDEX "MetricChange_scope_deployedAt_idx" ON "MetricChange"("scope", "deployedAt");
CREATE INDEX "MetricChange_scope_submittedAt_firstReviewHours_approvalHou_idx" ON "MetricChange"("scope", "submittedAt", "firstReviewHours", "approvalHours", "slaBreached");
CREATE INDEX "MetricReview_changeId_idx" ON "MetricReview"("changeId");
CREATE INDEX "MetricReview_scope_createdAt_idx" ON "MetricReview"("scope", "createdAt");
CREATE INDEX "MetricReview_scope_flagged_createdAt_idx" ON "MetricReview"("scope", "flagged", "createdAt");
CREATE INDEX "MetricReview_scope_reviewerId_createdAt_secondsSpent_idx" ON "MetricReview"("scope", "reviewerId", "createdAt", "secondsSpent");

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "MetricChange_rollup_insert" AFTER INSERT ON "MetricChange"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_change_rollup();
CREATE TRIGGER "MetricChange_rollup_delete" AFTER DELETE ON "MetricChange"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_change_rollup();
CREATE TRIGGER "MetricReview_rollup_insert" AFTER INSERT ON "MetricReview"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_review_rollup();
CREATE TRIGGER "MetricReview_rollup_delete" AFTER DELETE ON "MetricReview"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION metric_review_rollup();
CREATE TRIGGER "MetricChange_no_update" BEFORE UPDATE ON "MetricChange"
  FOR EACH ROW EXECUTE FUNCTION metric_facts_replace_only();
CREATE TRIGGER "MetricReview_no_update" BEFORE UPDATE ON "MetricReview"
  FOR EACH ROW EXECUTE FUNCTION metric_facts_replace_only();

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
ANALYZE "AuditEvent", "MetricChange", "MetricReview";
