-- A review counts the lines of the revision it reviewed (issue 12): an approval of revision 1
-- (30 lines) keeps counting 30 when revision 2 (40 lines) arrives.
CREATE OR REPLACE VIEW metric_review_facts AS
  SELECT k.scope, r.id AS "reviewId", r."changeId", r."createdAt", r."reviewerId",
    r.decision = 'APPROVE' AS approve, r."possibleRubberStamp" AS flagged, r."secondsSpent",
    v."linesAdded" + v."linesRemoved" AS "linesChanged"
  FROM "Review" r
  JOIN "ChangeRequest" c ON c.id = r."changeId"
  JOIN "Revision" v ON v."changeId" = r."changeId" AND v.number = r.revision
  CROSS JOIN LATERAL metric_scopes(r."changeId") AS k(scope)
  WHERE c."submittedAt" IS NOT NULL;

-- Only changes with a later revision can hold a review counted with the wrong lines.
SELECT metric_refresh(array_agg(DISTINCT "changeId"))
  FROM "Revision" WHERE number > 1;
