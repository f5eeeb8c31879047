import "server-only";
import { prisma } from "../db";
import type { RunExitResult } from "./protocol";
import type { RunRecord } from "./registry";

/** Run.outcome for each exit status (the column is free text; the schema lists the usual ones). */
const OUTCOME: Record<RunExitResult["status"], string> = {
  OK: "ok",
  CE: "ce",
  RE: "re",
  TLE: "tle",
  MLE: "mle",
  OLE: "ole",
  SV: "sv",
  IE: "error",
  STOPPED: "stopped",
};

/** Creates the Run row (never the source or the input); its id is the run id. */
export async function recordRunStart(run: RunRecord): Promise<string> {
  const row = await prisma.run.create({
    data: { userId: run.userId, problemId: run.problemId, language: run.language, sourceBytes: run.sourceBytes, status: "running" },
    select: { id: true },
  });
  return row.id;
}

export async function recordRunFinish(runId: string, result: RunExitResult): Promise<void> {
  await prisma.run.update({
    where: { id: runId },
    data: {
      status: result.status === "IE" ? "failed" : "done",
      outcome: OUTCOME[result.status],
      exitCode: result.exitCode,
      cpuMs: result.cpuMs,
      wallMs: result.wallMs,
      memoryKb: result.memoryKb,
      finishedAt: new Date(),
    },
  });
}
