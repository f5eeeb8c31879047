-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "verdict" TEXT,
    "score" REAL,
    "maxScore" REAL,
    "testsDone" INTEGER NOT NULL DEFAULT 0,
    "testsTotal" INTEGER NOT NULL DEFAULT 0,
    "cpuMs" INTEGER,
    "wallMs" INTEGER,
    "memoryKb" INTEGER,
    "compileMessage" TEXT,
    "judgeMessage" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "quotaHeld" BOOLEAN NOT NULL DEFAULT false,
    "leasedBy" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("attempts", "compileMessage", "cpuMs", "createdAt", "finishedAt", "id", "judgeMessage", "language", "leaseExpiresAt", "leasedBy", "maxScore", "memoryKb", "priority", "problemId", "score", "source", "startedAt", "status", "testsDone", "testsTotal", "updatedAt", "userId", "verdict", "wallMs") SELECT "attempts", "compileMessage", "cpuMs", "createdAt", "finishedAt", "id", "judgeMessage", "language", "leaseExpiresAt", "leasedBy", "maxScore", "memoryKb", "priority", "problemId", "score", "source", "startedAt", "status", "testsDone", "testsTotal", "updatedAt", "userId", "verdict", "wallMs" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE INDEX "Submission_userId_problemId_createdAt_idx" ON "Submission"("userId", "problemId", "createdAt");
CREATE INDEX "Submission_userId_createdAt_idx" ON "Submission"("userId", "createdAt");
CREATE INDEX "Submission_problemId_createdAt_idx" ON "Submission"("problemId", "createdAt");
CREATE INDEX "Submission_status_priority_createdAt_idx" ON "Submission"("status", "priority", "createdAt");
CREATE INDEX "Submission_status_leaseExpiresAt_idx" ON "Submission"("status", "leaseExpiresAt");
CREATE INDEX "Submission_problemId_verdict_idx" ON "Submission"("problemId", "verdict");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
