-- AlterTable
ALTER TABLE "RoleQuota" DROP COLUMN "runsPerHour",
DROP COLUMN "submissionsPerHour",
ADD COLUMN     "maxCpuMsPerRun" INTEGER,
ADD COLUMN     "maxMemoryMbPerRun" INTEGER,
ADD COLUMN     "queuedSubmissions" INTEGER,
ADD COLUMN     "runsPerMinute" INTEGER,
ADD COLUMN     "submissionsPerMinute" INTEGER;

-- AlterTable
ALTER TABLE "UserQuota" DROP COLUMN "runsPerHour",
DROP COLUMN "submissionsPerHour",
ADD COLUMN     "maxCpuMsPerRun" INTEGER,
ADD COLUMN     "maxMemoryMbPerRun" INTEGER,
ADD COLUMN     "queuedSubmissions" INTEGER,
ADD COLUMN     "runsPerMinute" INTEGER,
ADD COLUMN     "submissionsPerMinute" INTEGER;
