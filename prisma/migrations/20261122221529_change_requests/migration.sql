-- CreateEnum
CREATE TYPE "AiExtent" AS ENUM ('NONE', 'ASSISTED', 'GENERATED', 'AGENTIC');

-- CreateEnum
CREATE TYPE "RiskFlag" AS ENUM ('INFRASTRUCTURE', 'DATA_MIGRATION', 'DATA_DELETION', 'PERMISSIONS', 'CONFIG');

-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('DRAFT', 'PENDING', 'CHANGES_REQUESTED', 'APPROVED', 'DEPLOYED', 'ROLLED_BACK', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RequirementState" AS ENUM ('PENDING', 'SATISFIED', 'UNROUTABLE');

-- CreateEnum
CREATE TYPE "AssignmentState" AS ENUM ('OPEN', 'DONE', 'DISMISSED');

-- CreateEnum
CREATE TYPE "SystemSource" AS ENUM ('DERIVED', 'ADDED');

-- CreateEnum
CREATE TYPE "WindowKind" AS ENUM ('POLICY', 'FREEZE');

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "baseRef" TEXT,
    "headRef" TEXT,
    "prUrl" TEXT,
    "status" "ChangeStatus" NOT NULL,
    "currentRevision" INTEGER NOT NULL DEFAULT 1,
    "aiExtent" "AiExtent" NOT NULL,
    "aiTools" TEXT[],
    "aiSessionUrl" TEXT,
    "aiWrote" TEXT NOT NULL DEFAULT '',
    "riskFlags" "RiskFlag"[],
    "detectedRiskFlags" "RiskFlag"[],
    "rollbackPlan" TEXT NOT NULL DEFAULT '',
    "testEvidence" TEXT NOT NULL DEFAULT '',
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "emergencyJustification" TEXT,
    "policySnapshot" JSONB,
    "slaDueAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "linesAdded" INTEGER NOT NULL DEFAULT 0,
    "linesRemoved" INTEGER NOT NULL DEFAULT 0,
    "filesChanged" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeCoAuthor" (
    "changeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ChangeCoAuthor_pkey" PRIMARY KEY ("changeId","userId")
);

-- CreateTable
CREATE TABLE "ChangeSystem" (
    "changeId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "source" "SystemSource" NOT NULL,

    CONSTRAINT "ChangeSystem_pkey" PRIMARY KEY ("changeId","systemId")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "diff" TEXT,
    "paths" TEXT[],
    "linesAdded" INTEGER NOT NULL,
    "linesRemoved" INTEGER NOT NULL,
    "riskHits" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Requirement" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "approvalsRequired" INTEGER NOT NULL,
    "minLevel" "Level" NOT NULL,
    "principalRequired" BOOLEAN NOT NULL,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "emergencyApprovals" INTEGER,
    "state" "RequirementState" NOT NULL,
    "stateReason" TEXT,
    "rules" TEXT[],
    "windows" TEXT[],
    "candidates" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Requirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "systemIds" TEXT[],
    "revision" INTEGER NOT NULL,
    "state" "AssignmentState" NOT NULL DEFAULT 'OPEN',
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyWindow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "WindowKind" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "tiers" INTEGER[],
    "systemIds" TEXT[],
    "minApprovals" INTEGER,
    "minLevel" "Level",
    "requirePrincipal" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_number_key" ON "ChangeRequest"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_key_key" ON "ChangeRequest"("key");

-- CreateIndex
CREATE INDEX "ChangeRequest_authorId_updatedAt_idx" ON "ChangeRequest"("authorId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "ChangeRequest_status_slaDueAt_idx" ON "ChangeRequest"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_repositoryId_idx" ON "ChangeRequest"("repositoryId");

-- CreateIndex
CREATE INDEX "ChangeCoAuthor_userId_idx" ON "ChangeCoAuthor"("userId");

-- CreateIndex
CREATE INDEX "ChangeSystem_systemId_idx" ON "ChangeSystem"("systemId");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_changeId_number_key" ON "Revision"("changeId", "number");

-- CreateIndex
CREATE INDEX "Requirement_systemId_idx" ON "Requirement"("systemId");

-- CreateIndex
CREATE INDEX "Requirement_state_idx" ON "Requirement"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Requirement_changeId_systemId_key" ON "Requirement"("changeId", "systemId");

-- CreateIndex
CREATE INDEX "Assignment_reviewerId_state_idx" ON "Assignment"("reviewerId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_changeId_reviewerId_key" ON "Assignment"("changeId", "reviewerId");

-- CreateIndex
CREATE INDEX "PolicyWindow_endsAt_idx" ON "PolicyWindow"("endsAt");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeCoAuthor" ADD CONSTRAINT "ChangeCoAuthor_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeCoAuthor" ADD CONSTRAINT "ChangeCoAuthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeSystem" ADD CONSTRAINT "ChangeSystem_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeSystem" ADD CONSTRAINT "ChangeSystem_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Requirement" ADD CONSTRAINT "Requirement_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Requirement" ADD CONSTRAINT "Requirement_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: rules the schema language cannot express.
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_key_matches_number" CHECK ("key" = 'CR-' || "number");
ALTER TABLE "Requirement" ADD CONSTRAINT "Requirement_approvals_positive" CHECK ("approvalsRequired" >= 1);
ALTER TABLE "PolicyWindow" ADD CONSTRAINT "PolicyWindow_dates_ordered" CHECK ("startsAt" < "endsAt");
INSERT INTO "Counter" (name, value) VALUES ('change', 0), ('incident', 0) ON CONFLICT DO NOTHING;
