-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "weight" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Repository" ADD COLUMN     "rulesVersion" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: any change to a repository's ownership rules bumps its rulesVersion, so a
-- compiled matcher cached by (repository, rulesVersion) can never be stale.
CREATE FUNCTION ownership_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "Repository" SET "rulesVersion" = "rulesVersion" + 1 WHERE id IN (SELECT DISTINCT "repositoryId" FROM new_rows);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "Repository" SET "rulesVersion" = "rulesVersion" + 1 WHERE id IN (SELECT DISTINCT "repositoryId" FROM old_rows);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "OwnershipRule_changed_insert" AFTER INSERT ON "OwnershipRule"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ownership_rules_changed();
CREATE TRIGGER "OwnershipRule_changed_update" AFTER UPDATE ON "OwnershipRule"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ownership_rules_changed();
CREATE TRIGGER "OwnershipRule_changed_delete" AFTER DELETE ON "OwnershipRule"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ownership_rules_changed();
