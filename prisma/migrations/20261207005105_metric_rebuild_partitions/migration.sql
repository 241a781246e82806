-- Hand-written: metric_rebuild() recreates the fact tables' indexes from pg_indexes, which
-- describes a partitioned table's index as `CREATE INDEX … ON ONLY "MetricChange"`: recreated
-- that way it covers no partition, and every month was left without its indexes
-- (docs/decisions/0017-partitions-and-replicas.md). The definitions are recreated without ONLY,
-- and the months of the facts are made before the facts are written.
CREATE OR REPLACE FUNCTION metric_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  idx record;
  defs text[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(7242002);
  -- Fresh statistics first: after a bulk load in the same transaction the planner would
  -- otherwise plan for empty tables.
  ANALYZE "ChangeRequest", "ChangeSystem", "System", "Review";
  PERFORM partitions_ensure(least(now(),
    (SELECT min("submittedAt") FROM "ChangeRequest") AT TIME ZONE 'UTC',
    (SELECT min("createdAt") FROM "Review") AT TIME ZONE 'UTC'));
  TRUNCATE "MetricChange", "MetricReview", "MetricDeployDay", "MetricApproverDay", "MetricReviewDay";
  FOR idx IN SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename IN ('MetricChange', 'MetricReview')
      AND indexname NOT LIKE '%\_pkey'
  LOOP
    defs := defs || replace(idx.indexdef, ' ON ONLY ', ' ON ');
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

-- Databases rebuilt since the partitioning have indexes that cover no month: make them whole.
DO $$
DECLARE
  idx record;
BEGIN
  FOR idx IN SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relname IN ('MetricChange', 'MetricReview') AND NOT i.indisvalid
  LOOP
    EXECUTE format('DROP INDEX %I', idx.name);
    EXECUTE replace(idx.def, ' ON ONLY ', ' ON ');
  END LOOP;
END;
$$;
