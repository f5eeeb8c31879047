-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "interactive" BOOLEAN NOT NULL DEFAULT false;
