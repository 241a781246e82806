-- CreateTable
CREATE TABLE "SignInAttempt" (
    "bucket" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("bucket","windowStart")
);
