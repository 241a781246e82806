-- CreateIndex
CREATE INDEX "Assignment_reviewerId_assignedAt_idx" ON "Assignment"("reviewerId", "assignedAt");
