-- The queue's eligible half reads only the requirements not yet met: without this index it read
-- every requirement ever made on the person's systems (docs/decisions/0016-scale.md).
CREATE INDEX "Requirement_open_systemId_idx" ON "Requirement"("systemId") WHERE (state <> 'SATISFIED');
