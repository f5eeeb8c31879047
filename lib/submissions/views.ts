/**
 * What a client sees of a submission (pages and the `submission.*` WebSocket messages). No
 * server-only imports: client components use these types. Never holds hidden test data.
 */
import { z } from "zod";

export type VerdictCode = "AC" | "WA" | "TLE" | "MLE" | "OLE" | "RE" | "CE" | "SV" | "IE";
export type TestStatusCode = VerdictCode | "SKIPPED";
export type SubmissionStatusCode = "queued" | "compiling" | "running" | "done";

export interface SampleDetail {
  input: string;
  expected: string;
  output: string;
}

export interface TestView {
  ordinal: number;
  status: TestStatusCode;
  sample: boolean;
  group: string;
  cpuMs: number | null;
  wallMs: number | null;
  memoryKb: number | null;
  exitCode: number | null;
  signal: number | null;
  checkerMessage: string | null;
  /** Failed sample tests only (or any failed test for an instructor, when stored). */
  detail?: SampleDetail;
}

export interface SubmissionView {
  id: string;
  userId: string;
  userName: string;
  problem: { id: string; slug: string; title: string; scoring: "icpc" | "subtasks" };
  language: string;
  status: SubmissionStatusCode;
  verdict: VerdictCode | null;
  score: number | null;
  maxScore: number | null;
  testsDone: number;
  testsTotal: number;
  cpuMs: number | null;
  wallMs: number | null;
  memoryKb: number | null;
  compileMessage: string | null;
  /** Instructors only. */
  judgeMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  tests: TestView[];
}

// --- WebSocket --------------------------------------------------------------------------------

const submissionId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const submissionClientMessageSchemas = [
  z.object({ type: z.literal("submission.watch"), id: submissionId }).strict(),
  z.object({ type: z.literal("submission.unwatch"), id: submissionId }).strict(),
] as const;
export type SubmissionClientMessage = z.infer<(typeof submissionClientMessageSchemas)[number]>;

export type SubmissionServerMessage =
  | { type: "submission.state"; submission: SubmissionView }
  | ({ type: "submission.test"; id: string; testsDone: number; testsTotal: number } & TestView)
  | {
      type: "submission.done";
      id: string;
      verdict: VerdictCode;
      score: number | null;
      maxScore: number | null;
      cpuMs: number | null;
      memoryKb: number | null;
    }
  | { type: "submission.error"; id: string; code: "not_found" | "too_many_watches"; message: string };

export function isSubmissionMessage(msg: { type: string }): msg is SubmissionClientMessage {
  return msg.type === "submission.watch" || msg.type === "submission.unwatch";
}

export const VERDICT_TEXT: Record<TestStatusCode, string> = {
  AC: "Accepted",
  WA: "Wrong answer",
  TLE: "Time limit exceeded",
  MLE: "Memory limit exceeded",
  OLE: "Output limit exceeded",
  RE: "Runtime error",
  CE: "Compilation error",
  SV: "Security violation",
  IE: "Judge error",
  SKIPPED: "Skipped",
};

export const MAX_SUBMISSION_SOURCE_BYTES = 64 * 1024;
