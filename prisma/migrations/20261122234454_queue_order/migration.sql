-- DropIndex
DROP INDEX "Assignment_reviewerId_state_idx";

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "dueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Assignment_reviewerId_state_dueAt_idx" ON "Assignment"("reviewerId", "state", "dueAt");

-- Hand-written: an assignment's dueAt is always its change's SLA due time, kept by the database.
CREATE FUNCTION assignment_due_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."dueAt" := (SELECT "slaDueAt" FROM "ChangeRequest" WHERE id = NEW."changeId");
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Assignment_due_at" BEFORE INSERT OR UPDATE OF "changeId", "dueAt" ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION assignment_due_at();

CREATE FUNCTION change_sla_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Assignment" SET "dueAt" = NEW."slaDueAt" WHERE "changeId" = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ChangeRequest_sla_moved" AFTER UPDATE OF "slaDueAt" ON "ChangeRequest"
  FOR EACH ROW WHEN (OLD."slaDueAt" IS DISTINCT FROM NEW."slaDueAt") EXECUTE FUNCTION change_sla_moved();

UPDATE "Assignment" a SET "dueAt" = c."slaDueAt" FROM "ChangeRequest" c WHERE c.id = a."changeId";
