-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "clientSecondsSpent" INTEGER;

-- CreateTable
CREATE TABLE "ReviewOpen" (
    "changeId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewOpen_pkey" PRIMARY KEY ("changeId","revision","reviewerId")
);

-- AddForeignKey
ALTER TABLE "ReviewOpen" ADD CONSTRAINT "ReviewOpen_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
