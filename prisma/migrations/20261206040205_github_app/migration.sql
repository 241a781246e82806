-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "appId" TEXT;

-- AlterTable
ALTER TABLE "PullRequest" ADD COLUMN     "installationId" TEXT;
