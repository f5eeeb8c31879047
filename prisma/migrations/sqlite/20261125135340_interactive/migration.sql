-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Problem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "difficulty" TEXT NOT NULL DEFAULT 'easy',
    "timeLimitMs" INTEGER NOT NULL DEFAULT 2000,
    "memoryLimitMb" INTEGER NOT NULL DEFAULT 256,
    "checker" TEXT NOT NULL DEFAULT 'exact',
    "floatAbsTol" REAL,
    "floatRelTol" REAL,
    "checkerSource" TEXT,
    "checkerLanguage" TEXT,
    "interactive" BOOLEAN NOT NULL DEFAULT false,
    "scoring" TEXT NOT NULL DEFAULT 'icpc',
    "stopAtFirstFailure" BOOLEAN NOT NULL DEFAULT true,
    "visibility" TEXT NOT NULL DEFAULT 'draft',
    "allowedLanguages" TEXT NOT NULL DEFAULT '[]',
    "starterCode" TEXT NOT NULL DEFAULT '{}',
    "pythonPolicy" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    CONSTRAINT "Problem_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Problem" ("allowedLanguages", "authorId", "checker", "checkerLanguage", "checkerSource", "createdAt", "difficulty", "floatAbsTol", "floatRelTol", "id", "memoryLimitMb", "publishedAt", "pythonPolicy", "scoring", "slug", "starterCode", "statement", "stopAtFirstFailure", "timeLimitMs", "title", "updatedAt", "visibility") SELECT "allowedLanguages", "authorId", "checker", "checkerLanguage", "checkerSource", "createdAt", "difficulty", "floatAbsTol", "floatRelTol", "id", "memoryLimitMb", "publishedAt", "pythonPolicy", "scoring", "slug", "starterCode", "statement", "stopAtFirstFailure", "timeLimitMs", "title", "updatedAt", "visibility" FROM "Problem";
DROP TABLE "Problem";
ALTER TABLE "new_Problem" RENAME TO "Problem";
CREATE UNIQUE INDEX "Problem_slug_key" ON "Problem"("slug");
CREATE INDEX "Problem_visibility_createdAt_idx" ON "Problem"("visibility", "createdAt");
CREATE INDEX "Problem_authorId_idx" ON "Problem"("authorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
