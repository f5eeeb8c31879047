-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "quotaHeld" BOOLEAN NOT NULL DEFAULT false;
