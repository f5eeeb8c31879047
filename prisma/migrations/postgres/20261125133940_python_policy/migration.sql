-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "pythonPolicy" TEXT NOT NULL DEFAULT '';
