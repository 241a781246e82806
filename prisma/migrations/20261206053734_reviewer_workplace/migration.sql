-- CreateEnum
CREATE TYPE "DiffSide" AS ENUM ('OLD', 'NEW');

-- CreateEnum
CREATE TYPE "TranscriptFormat" AS ENUM ('JSON', 'JSONL', 'MARKDOWN', 'TEXT');

-- CreateEnum
CREATE TYPE "SecondLookReason" AS ENUM ('SAMPLED', 'TIER_ONE', 'RUBBER_STAMP', 'REQUESTED');

-- CreateEnum
CREATE TYPE "SecondLookVerdict" AS ENUM ('AGREE', 'CONCERN');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'REVIEWED';
ALTER TYPE "NotificationKind" ADD VALUE 'COMMENTED';
ALTER TYPE "NotificationKind" ADD VALUE 'MENTIONED';
ALTER TYPE "NotificationKind" ADD VALUE 'INCIDENT_LINKED';
ALTER TYPE "NotificationKind" ADD VALUE 'SECOND_LOOK';
ALTER TYPE "NotificationKind" ADD VALUE 'SECOND_LOOK_CONCERN';

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "threadIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "note" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mailMuted" "NotificationKind"[] DEFAULT ARRAY[]::"NotificationKind"[];

-- CreateTable
CREATE TABLE "ReviewThread" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "path" TEXT,
    "side" "DiffSide",
    "startLine" INTEGER,
    "endLine" INTEGER,
    "anchorText" TEXT[],
    "authorId" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiTranscript" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" "TranscriptFormat" NOT NULL,
    "source" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "bytes" INTEGER NOT NULL,
    "secretsMasked" INTEGER NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AiTranscript_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecondLook" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "reason" "SecondLookReason" NOT NULL,
    "approverIds" TEXT[],
    "reviewerId" TEXT NOT NULL,
    "requestedById" TEXT,
    "verdict" "SecondLookVerdict",
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "SecondLook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewThread_changeId_createdAt_idx" ON "ReviewThread"("changeId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewComment_threadId_createdAt_idx" ON "ReviewComment"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "AiTranscript_changeId_createdAt_idx" ON "AiTranscript"("changeId", "createdAt");

-- CreateIndex
CREATE INDEX "SecondLook_reviewerId_decidedAt_idx" ON "SecondLook"("reviewerId", "decidedAt");

-- CreateIndex
CREATE INDEX "SecondLook_createdAt_idx" ON "SecondLook"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SecondLook_changeId_revision_key" ON "SecondLook"("changeId", "revision");

-- AddForeignKey
ALTER TABLE "ReviewThread" ADD CONSTRAINT "ReviewThread_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewThread" ADD CONSTRAINT "ReviewThread_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewThread" ADD CONSTRAINT "ReviewThread_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "ReviewThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiTranscript" ADD CONSTRAINT "AiTranscript_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiTranscript" ADD CONSTRAINT "AiTranscript_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecondLook" ADD CONSTRAINT "SecondLook_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecondLook" ADD CONSTRAINT "SecondLook_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecondLook" ADD CONSTRAINT "SecondLook_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
