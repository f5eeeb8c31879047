-- AlterEnum
ALTER TYPE "Verdict" ADD VALUE 'security_violation';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "judgeMessage" TEXT;

-- AlterTable
ALTER TABLE "SubmissionTest" ADD COLUMN     "output" TEXT,
ADD COLUMN     "sample" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "signal" INTEGER;

-- CreateIndex
CREATE INDEX "Submission_status_leaseExpiresAt_idx" ON "Submission"("status", "leaseExpiresAt");
