-- AlterTable
ALTER TABLE "Draft" ALTER COLUMN "problemId" DROP NOT NULL;
