-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('SEV1', 'SEV2', 'SEV3', 'SEV4');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('INVESTIGATING', 'IDENTIFIED', 'MITIGATED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "IncidentLinkKind" AS ENUM ('CAUSE', 'CONTRIBUTING', 'SUSPECT');

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "mitigatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "errors" INTEGER,
    "lostOrders" INTEGER,
    "customersAffected" INTEGER,
    "summary" TEXT NOT NULL DEFAULT '',
    "postmortemUrl" TEXT,
    "reportedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentSystem" (
    "incidentId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,

    CONSTRAINT "IncidentSystem_pkey" PRIMARY KEY ("incidentId","systemId")
);

-- CreateTable
CREATE TABLE "IncidentChange" (
    "incidentId" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "kind" "IncidentLinkKind" NOT NULL,
    "linkedById" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentChange_pkey" PRIMARY KEY ("incidentId","changeId")
);

-- CreateTable
CREATE TABLE "IncidentNote" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_key_key" ON "Incident"("key");

-- CreateIndex
CREATE INDEX "Incident_startedAt_id_idx" ON "Incident"("startedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Incident_severity_startedAt_idx" ON "Incident"("severity", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_status_startedAt_idx" ON "Incident"("status", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "IncidentSystem_systemId_incidentId_idx" ON "IncidentSystem"("systemId", "incidentId");

-- CreateIndex
CREATE INDEX "IncidentChange_changeId_kind_idx" ON "IncidentChange"("changeId", "kind");

-- CreateIndex
CREATE INDEX "IncidentNote_incidentId_at_idx" ON "IncidentNote"("incidentId", "at");

-- CreateIndex
CREATE INDEX "ChangeRequest_deployedAt_aiExtent_authorId_linesAdded_lines_idx" ON "ChangeRequest"("deployedAt", "aiExtent", "authorId", "linesAdded", "linesRemoved");

-- CreateIndex
CREATE INDEX "ChangeRequest_submittedAt_firstReviewAt_approvedAt_slaBreac_idx" ON "ChangeRequest"("submittedAt", "firstReviewAt", "approvedAt", "slaBreachedAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_approvedAt_idx" ON "ChangeRequest"("approvedAt");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSystem" ADD CONSTRAINT "IncidentSystem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSystem" ADD CONSTRAINT "IncidentSystem_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChange" ADD CONSTRAINT "IncidentChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChange" ADD CONSTRAINT "IncidentChange_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChange" ADD CONSTRAINT "IncidentChange_linkedById_fkey" FOREIGN KEY ("linkedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNote" ADD CONSTRAINT "IncidentNote_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNote" ADD CONSTRAINT "IncidentNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
