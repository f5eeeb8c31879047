import "server-only";
import type { SessionUser } from "../auth/guards";
import { logger } from "../logger";
import { getProblemForUser } from "../problems";
import { getSandbox } from "../sandbox";
import type { RunClientMessage } from "./protocol";
import { checkRunQuota } from "./quota";
import { recordRunFinish, recordRunStart } from "./record";
import { RunRegistry, type RunConnection } from "./registry";

/**
 * The process's RunRegistry wired to the real sandbox, database and quota hook. Kept on
 * globalThis: the custom server and Next's bundle may load this module separately.
 */
const globalForRuns = globalThis as unknown as { __arbiterRuns?: RunRegistry };

export function getRunRegistry(): RunRegistry {
  return (globalForRuns.__arbiterRuns ??= new RunRegistry({
    getSandbox,
    findProblem: async (slug, user) => {
      const problem = await getProblemForUser(slug, user as SessionUser);
      return problem ? { id: problem.id, allowedLanguages: problem.allowedLanguages, pythonPolicy: problem.pythonPolicy } : null;
    },
    recordStart: recordRunStart,
    recordFinish: recordRunFinish,
    checkQuota: checkRunQuota,
    logger: logger.child({ component: "runs" }),
  }));
}

export function handleRunMessage(conn: RunConnection, user: SessionUser, msg: RunClientMessage): Promise<void> {
  return getRunRegistry().handle(conn, user, msg);
}

export function detachRunConnection(conn: RunConnection): void {
  globalForRuns.__arbiterRuns?.detach(conn);
}

/** Server shutdown: every run is stopped (its box destroyed by the session). */
export function stopAllRuns(): void {
  void globalForRuns.__arbiterRuns?.close();
}
