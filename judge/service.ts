/**
 * Wiring a JudgeWorker to the process's database, sandbox, bus and configuration. Used by
 * server.ts (in-process judging) and judge/cli.ts (`npm run worker`).
 */
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { Sandbox } from "../sandbox";
import { submissionJudged } from "../lib/quotas/service";
import { getEventBus } from "./events";
import { JudgeWorker } from "./worker";

export interface JudgeServiceConfig {
  db: Db;
  sandbox: () => Promise<Sandbox>;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  tag?: string;
}

export async function startJudgeWorker(config: JudgeServiceConfig): Promise<JudgeWorker> {
  const worker = new JudgeWorker({
    db: config.db,
    sandbox: config.sandbox,
    bus: getEventBus(),
    logger: config.logger,
    concurrency: config.concurrency,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
    // Quotas: free the submitter's waiting slot and charge the CPU (once; rejudges cost nothing).
    onFinished: async ({ submissionId, cpuMs }) => {
      const s = await config.db.submission.findUnique({ where: { id: submissionId }, select: { userId: true } });
      if (s) await submissionJudged(config.db, { id: submissionId, userId: s.userId }, cpuMs);
    },
  });
  await worker.start();
  return worker;
}
