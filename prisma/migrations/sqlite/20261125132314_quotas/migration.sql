-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RoleQuota" (
    "role" TEXT NOT NULL PRIMARY KEY,
    "concurrentRuns" INTEGER,
    "runsPerMinute" INTEGER,
    "submissionsPerMinute" INTEGER,
    "queuedSubmissions" INTEGER,
    "cpuSecondsPerDay" INTEGER,
    "maxSourceBytes" INTEGER,
    "maxCpuMsPerRun" INTEGER,
    "maxMemoryMbPerRun" INTEGER,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_RoleQuota" ("concurrentRuns", "cpuSecondsPerDay", "maxSourceBytes", "role", "updatedAt") SELECT "concurrentRuns", "cpuSecondsPerDay", "maxSourceBytes", "role", "updatedAt" FROM "RoleQuota";
DROP TABLE "RoleQuota";
ALTER TABLE "new_RoleQuota" RENAME TO "RoleQuota";
CREATE TABLE "new_UserQuota" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "concurrentRuns" INTEGER,
    "runsPerMinute" INTEGER,
    "submissionsPerMinute" INTEGER,
    "queuedSubmissions" INTEGER,
    "cpuSecondsPerDay" INTEGER,
    "maxSourceBytes" INTEGER,
    "maxCpuMsPerRun" INTEGER,
    "maxMemoryMbPerRun" INTEGER,
    "note" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UserQuota_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UserQuota" ("concurrentRuns", "cpuSecondsPerDay", "maxSourceBytes", "note", "updatedAt", "userId") SELECT "concurrentRuns", "cpuSecondsPerDay", "maxSourceBytes", "note", "updatedAt", "userId" FROM "UserQuota";
DROP TABLE "UserQuota";
ALTER TABLE "new_UserQuota" RENAME TO "UserQuota";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
