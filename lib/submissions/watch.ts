import "server-only";
/**
 * `submission.watch` / `submission.unwatch` on /ws. A watch sends the current state from the
 * database (so a reload shows the truth), then forwards the judge's live events for that
 * submission. When the judge runs in another process (npm run worker) its events do not reach
 * this process: while a watched submission is not done, its row is re-read when no event came
 * for REFRESH_MS, and a changed state is sent.
 */
import { getEventBus, type SubmissionEvent } from "@/judge/events";
import type { SessionUser } from "../auth/guards";
import { prisma } from "../db";
import { logger } from "../logger";
import { isProblemInstructor } from "./access";
import { getSubmissionView, liveTestView } from "./service";
import type { SubmissionClientMessage, SubmissionServerMessage, SubmissionView } from "./views";

const REFRESH_MS = 1500;
const MAX_WATCHES_PER_CONNECTION = 20;

export interface SubmissionConnection {
  id: string;
  send(message: SubmissionServerMessage): void;
}

interface Watch {
  stop(): void;
}

const watches = new WeakMap<SubmissionConnection, Map<string, Watch>>();
const log = logger.child({ component: "submissions-ws" });

export async function handleSubmissionMessage(conn: SubmissionConnection, user: SessionUser, msg: SubmissionClientMessage): Promise<void> {
  let mine = watches.get(conn);
  if (!mine) watches.set(conn, (mine = new Map()));
  if (msg.type === "submission.unwatch") {
    mine.get(msg.id)?.stop();
    mine.delete(msg.id);
    return;
  }
  if (mine.has(msg.id)) mine.get(msg.id)!.stop();
  else if (mine.size >= MAX_WATCHES_PER_CONNECTION) {
    conn.send({ type: "submission.error", id: msg.id, code: "too_many_watches", message: `At most ${MAX_WATCHES_PER_CONNECTION} submissions at once` });
    return;
  }
  const meta = await prisma.submission.findUnique({
    where: { id: msg.id },
    select: { userId: true, problem: { select: { checker: true, authorId: true } } },
  });
  // Not found and not yours look the same: no probing of other users' submission ids.
  if (!meta || (meta.userId !== user.id && !isProblemInstructor(user, meta.problem))) {
    conn.send({ type: "submission.error", id: msg.id, code: "not_found", message: "No such submission" });
    return;
  }
  const instructor = isProblemInstructor(user, meta.problem);
  const ctx = { submissionId: msg.id, instructor, checker: meta.problem.checker };
  let last: SubmissionView | null = null;
  let lastEventAt = Date.now();
  let stopped = false;
  // Events are handled one at a time, in order.
  let chain: Promise<void> = Promise.resolve();

  const sendState = async () => {
    const view = await getSubmissionView(user, msg.id);
    if (!view || stopped) return;
    if (last && JSON.stringify(last) === JSON.stringify(view)) return;
    last = view;
    conn.send({ type: "submission.state", submission: view });
    if (view.status === "done") stopTimer();
  };

  const onEvent = (e: SubmissionEvent) => {
    lastEventAt = Date.now();
    chain = chain
      .then(async () => {
        if (stopped) return;
        if (e.type === "test") {
          const { test } = e;
          const view = await liveTestView(user, ctx, {
            ordinal: test.ordinal,
            status: test.status,
            cpuMs: test.cpuMs,
            wallMs: test.wallMs,
            memoryKb: test.memoryKb,
            exitCode: test.exitCode,
            signal: test.signal,
            checkerMessage: test.checkerMessage,
          });
          if (last) {
            last = { ...last, status: "running", testsDone: e.testsDone, testsTotal: e.testsTotal, tests: [...last.tests.filter((t) => t.ordinal !== view.ordinal), view].sort((a, b) => a.ordinal - b.ordinal) };
          }
          conn.send({ type: "submission.test", id: msg.id, testsDone: e.testsDone, testsTotal: e.testsTotal, ...view });
        } else if (e.type === "done") {
          // The full final state (compile message, score...) then the done marker.
          await sendState();
          conn.send({ type: "submission.done", id: msg.id, verdict: e.verdict, score: e.score, maxScore: e.maxScore, cpuMs: e.cpuMs, memoryKb: e.memoryKb });
        } else {
          await sendState();
        }
      })
      .catch((err: unknown) => log.warn({ err, submissionId: msg.id }, "watch update failed"));
  };

  const unsubscribe = getEventBus().subscribe(msg.id, onEvent);
  const timer = setInterval(() => {
    if (Date.now() - lastEventAt < REFRESH_MS) return;
    chain = chain.then(sendState).catch((err: unknown) => log.warn({ err, submissionId: msg.id }, "watch refresh failed"));
  }, REFRESH_MS);
  timer.unref();
  function stopTimer() {
    clearInterval(timer);
  }
  mine.set(msg.id, {
    stop() {
      stopped = true;
      stopTimer();
      unsubscribe();
    },
  });
  chain = chain.then(sendState);
  await chain;
}

/** The socket closed: end its watches. */
export function detachSubmissionConnection(conn: SubmissionConnection): void {
  const mine = watches.get(conn);
  if (!mine) return;
  for (const w of mine.values()) w.stop();
  watches.delete(conn);
}
