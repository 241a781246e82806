-- CreateEnum
CREATE TYPE "IntegrationKind" AS ENUM ('GITHUB', 'GITLAB', 'PAGERDUTY', 'INCIDENT_WEBHOOK');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'UNMATCHED_AUTHOR';
ALTER TYPE "NotificationKind" ADD VALUE 'INCIDENT_SUSPECT';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "externalUrl" TEXT,
ADD COLUMN     "source" TEXT,
ALTER COLUMN "reportedById" DROP NOT NULL;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "githubLogin" TEXT,
ADD COLUMN     "gitlabUsername" TEXT;

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "kind" "IntegrationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT,
    "secret" TEXT NOT NULL,
    "token" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationRepository" (
    "integrationId" TEXT NOT NULL,
    "externalName" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,

    CONSTRAINT "IntegrationRepository_pkey" PRIMARY KEY ("integrationId","externalName")
);

-- CreateTable
CREATE TABLE "IntegrationService" (
    "integrationId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "systemId" TEXT NOT NULL,

    CONSTRAINT "IntegrationService_pkey" PRIMARY KEY ("integrationId","externalId")
);

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "projectId" TEXT,
    "number" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "changeId" TEXT,
    "headSha" TEXT NOT NULL,
    "authorLogin" TEXT NOT NULL,
    "needs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "authorId" TEXT,
    "lastStatus" TEXT,
    "lastStatusAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL DEFAULT 'RECEIVED',
    "detail" TEXT NOT NULL DEFAULT '',
    "payload" JSONB NOT NULL,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_name_key" ON "Integration"("name");

-- CreateIndex
CREATE INDEX "IntegrationRepository_repositoryId_idx" ON "IntegrationRepository"("repositoryId");

-- CreateIndex
CREATE INDEX "IntegrationService_systemId_idx" ON "IntegrationService"("systemId");

-- CreateIndex
CREATE INDEX "PullRequest_changeId_idx" ON "PullRequest"("changeId");

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_integrationId_repository_number_key" ON "PullRequest"("integrationId", "repository", "number");

-- CreateIndex
CREATE INDEX "WebhookDelivery_integrationId_receivedAt_idx" ON "WebhookDelivery"("integrationId", "receivedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_integrationId_deliveryId_key" ON "WebhookDelivery"("integrationId", "deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_source_externalId_key" ON "Incident"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "User_githubLogin_key" ON "User"("githubLogin");

-- CreateIndex
CREATE UNIQUE INDEX "User_gitlabUsername_key" ON "User"("gitlabUsername");

-- AddForeignKey
ALTER TABLE "IntegrationRepository" ADD CONSTRAINT "IntegrationRepository_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationRepository" ADD CONSTRAINT "IntegrationRepository_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationService" ADD CONSTRAINT "IntegrationService_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationService" ADD CONSTRAINT "IntegrationService_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequest" ADD CONSTRAINT "PullRequest_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequest" ADD CONSTRAINT "PullRequest_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequest" ADD CONSTRAINT "PullRequest_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
