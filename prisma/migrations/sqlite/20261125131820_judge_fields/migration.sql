-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "judgeMessage" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SubmissionTest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "testCaseId" TEXT,
    "ordinal" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "cpuMs" INTEGER,
    "wallMs" INTEGER,
    "memoryKb" INTEGER,
    "exitCode" INTEGER,
    "signal" INTEGER,
    "checkerMessage" TEXT,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "output" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubmissionTest_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubmissionTest_testCaseId_fkey" FOREIGN KEY ("testCaseId") REFERENCES "TestCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SubmissionTest" ("checkerMessage", "cpuMs", "createdAt", "exitCode", "id", "memoryKb", "ordinal", "status", "submissionId", "testCaseId", "wallMs") SELECT "checkerMessage", "cpuMs", "createdAt", "exitCode", "id", "memoryKb", "ordinal", "status", "submissionId", "testCaseId", "wallMs" FROM "SubmissionTest";
DROP TABLE "SubmissionTest";
ALTER TABLE "new_SubmissionTest" RENAME TO "SubmissionTest";
CREATE INDEX "SubmissionTest_testCaseId_idx" ON "SubmissionTest"("testCaseId");
CREATE UNIQUE INDEX "SubmissionTest_submissionId_ordinal_key" ON "SubmissionTest"("submissionId", "ordinal");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Submission_status_leaseExpiresAt_idx" ON "Submission"("status", "leaseExpiresAt");
