-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'TOKEN', 'SYSTEM');

-- CreateTable
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

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_subjectType_subjectId_seq_idx" ON "AuditEvent"("subjectType", "subjectId", "seq" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_subjectLabel_seq_idx" ON "AuditEvent"("subjectLabel", "seq" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_changeKey_seq_idx" ON "AuditEvent"("changeKey", "seq" DESC);

-- Hand-written: the audit trail is append-only, whoever asks. Only a superuser who disables
-- these triggers can change history, and the hash chain then names the first altered event.
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_seq_positive_check" CHECK ("seq" > 0);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Hand-written: the one way to append, in a single statement so the chain's critical section is
-- one round trip. Under a transaction-level advisory lock it reads the tail (each statement of a
-- volatile function takes a fresh snapshot, so the tail is the latest committed one), numbers the
-- event, hashes it and inserts it. The caller passes the event's RFC 8785 canonical JSON split
-- around the sequence number, which only this function knows:
--   hash = sha256(prev_hash || canonical_head || seq || canonical_tail)
-- exactly as lib/domain/audit/chain.ts computes it.
CREATE FUNCTION audit_append(
  p_at timestamptz, p_actor_type "ActorType", p_actor_id text, p_actor_name text, p_action text,
  p_subject_type text, p_subject_id text, p_subject_label text, p_change_key text, p_payload jsonb,
  p_canonical_head text, p_canonical_tail text
) RETURNS TABLE (seq bigint, hash text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7242002);
  SELECT e.seq, e.hash INTO v_seq, v_prev FROM "AuditEvent" e ORDER BY e.seq DESC LIMIT 1;
  IF v_seq IS NULL THEN
    v_seq := 0;
    v_prev := repeat('0', 64);
  END IF;
  v_seq := v_seq + 1;
  v_hash := encode(sha256(convert_to(v_prev || p_canonical_head || v_seq::text || p_canonical_tail, 'UTF8')), 'hex');
  INSERT INTO "AuditEvent" (seq, at, "actorType", "actorId", "actorName", action, "subjectType", "subjectId",
                            "subjectLabel", "changeKey", payload, "prevHash", hash)
  VALUES (v_seq, p_at, p_actor_type, p_actor_id, p_actor_name, p_action, p_subject_type, p_subject_id,
          p_subject_label, p_change_key, p_payload, v_prev, v_hash);
  RETURN QUERY SELECT v_seq, v_hash;
END;
$$;
