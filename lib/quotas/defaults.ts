/**
 * Built-in quotas per role. Admins override them per role (RoleQuota rows) and per user
 * (UserQuota rows) without a restart; a null field there means "use the level below".
 */
export type Role = "student" | "instructor" | "admin";

export interface Quota {
  /** IDE runs at once. */
  concurrentRuns: number;
  runsPerMinute: number;
  submissionsPerMinute: number;
  /** Submissions waiting or being judged at once. */
  queuedSubmissions: number;
  /** Sandbox CPU per UTC day, compiles included. */
  cpuSecondsPerDay: number;
  maxSourceBytes: number;
  /** Ceiling on the CPU limit a user may ask for in one run. */
  maxCpuMsPerRun: number;
  /** Ceiling on the memory limit a user may ask for in one run. */
  maxMemoryMbPerRun: number;
}

export const QUOTA_FIELDS = [
  "concurrentRuns",
  "runsPerMinute",
  "submissionsPerMinute",
  "queuedSubmissions",
  "cpuSecondsPerDay",
  "maxSourceBytes",
  "maxCpuMsPerRun",
  "maxMemoryMbPerRun",
] as const satisfies readonly (keyof Quota)[];

export const DEFAULT_QUOTAS: Readonly<Record<Role, Quota>> = {
  student: {
    concurrentRuns: 1,
    runsPerMinute: 30,
    submissionsPerMinute: 6,
    queuedSubmissions: 5,
    cpuSecondsPerDay: 1800,
    maxSourceBytes: 64 * 1024,
    maxCpuMsPerRun: 5_000,
    maxMemoryMbPerRun: 512,
  },
  instructor: {
    concurrentRuns: 2,
    runsPerMinute: 60,
    submissionsPerMinute: 30,
    queuedSubmissions: 50,
    cpuSecondsPerDay: 4 * 3600,
    maxSourceBytes: 256 * 1024,
    maxCpuMsPerRun: 20_000,
    maxMemoryMbPerRun: 2048,
  },
  admin: {
    concurrentRuns: 4,
    runsPerMinute: 120,
    submissionsPerMinute: 60,
    queuedSubmissions: 200,
    cpuSecondsPerDay: 24 * 3600,
    maxSourceBytes: 256 * 1024,
    maxCpuMsPerRun: 20_000,
    maxMemoryMbPerRun: 2048,
  },
};
