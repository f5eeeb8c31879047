/**
 * The IDE's run protocol on /ws: what a client may send (validated with zod) and what the
 * server answers. Documented in docs/websocket-protocol.md. No server-only imports: the
 * browser client uses these types too.
 */
import type { QuotaErrorBody } from "../quotas/http";
import { z } from "zod";

/** Languages the IDE can run (the sandbox's LANGUAGE_IDS; checked against it in a test). */
export const RUN_LANGUAGES = ["python", "c", "cpp", "javascript"] as const;
export type RunLanguage = (typeof RUN_LANGUAGES)[number];

export const MAX_SOURCE_BYTES = 64 * 1024;
export const MAX_STDIN_CHUNK_BYTES = 64 * 1024;
/** Input bytes one interactive run may receive in total (run.stdin). */
export const MAX_RUN_STDIN_BYTES = 1024 * 1024;
/** Output bytes of one run that reach the browser (and the replay buffer); more is OLE. */
export const MAX_RUN_OUTPUT_BYTES = 1024 * 1024;
/** Wall-clock limit of a run whose input is given up front (the custom input box). */
export const WALL_MS_BATCH = 10_000;
/** Wall-clock limit of an interactive run (input typed into the console). */
export const WALL_MS_INTERACTIVE = 30_000;
/** How long a run outlives its socket, waiting for run.attach after a reload. */
export const DETACHED_GRACE_MS = 30_000;

const byteLength = (s: string) => new TextEncoder().encode(s).length;
const runId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const runStartSchema = z
  .object({
    type: z.literal("run.start"),
    language: z.enum(RUN_LANGUAGES),
    source: z.string().refine((s) => byteLength(s) <= MAX_SOURCE_BYTES, { message: `source is larger than ${MAX_SOURCE_BYTES} bytes` }),
    /** Whole input, then end of input; absent = interactive (type into the console). */
    stdin: z
      .string()
      .refine((s) => byteLength(s) <= MAX_STDIN_CHUNK_BYTES, { message: `stdin is larger than ${MAX_STDIN_CHUNK_BYTES} bytes` })
      .optional(),
    problemSlug: z.string().min(1).max(200).optional(),
    /** Echoed in run.started so a client can match the answer to its request. */
    requestId: z.string().max(64).optional(),
  })
  .strict();

export const runStdinSchema = z
  .object({
    type: z.literal("run.stdin"),
    runId,
    data: z.string().refine((s) => byteLength(s) <= MAX_STDIN_CHUNK_BYTES, { message: `stdin chunk is larger than ${MAX_STDIN_CHUNK_BYTES} bytes` }),
  })
  .strict();

export const runEofSchema = z.object({ type: z.literal("run.eof"), runId }).strict();
export const runStopSchema = z.object({ type: z.literal("run.stop"), runId }).strict();
export const runAttachSchema = z
  .object({
    type: z.literal("run.attach"),
    runId,
    /** Replay output with seq greater than this (-1 or absent: everything still buffered). */
    afterSeq: z.number().int().min(-1).optional(),
  })
  .strict();

/** Every run message a client may send; merged into lib/ws/messages.ts's union. */
export const runClientMessageSchemas = [runStartSchema, runStdinSchema, runEofSchema, runStopSchema, runAttachSchema] as const;
export type RunClientMessage =
  | z.infer<typeof runStartSchema>
  | z.infer<typeof runStdinSchema>
  | z.infer<typeof runEofSchema>
  | z.infer<typeof runStopSchema>
  | z.infer<typeof runAttachSchema>;

export function isRunMessage(msg: { type: string }): msg is RunClientMessage {
  return msg.type.startsWith("run.");
}

export type RunStream = "stdout" | "stderr";

/** The sandbox's statuses plus STOPPED (the user pressed Stop or left). */
export type RunExitStatus = "OK" | "CE" | "RE" | "TLE" | "MLE" | "OLE" | "SV" | "IE" | "STOPPED";

export interface RunExitResult {
  status: RunExitStatus;
  exitCode: number | null;
  signal: number | null;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  /** Human-readable; for CE the compiler's message. */
  message: string;
  /** Output was cut at MAX_RUN_OUTPUT_BYTES. */
  truncated: boolean;
}

export type RunErrorCode =
  | "bad_request" // failed validation (sizes, language, fields)
  | "not_found" // unknown run id, or a run of another user
  | "not_running" // stdin/eof for a run that has ended
  | "language_not_allowed" // not in the problem's allowedLanguages
  | "problem_not_found"
  | "quota_exceeded"
  | "sandbox_unavailable" // no sandbox backend works; message says how to fix it
  | "replaced" // a newer run.start of the same user arrived before this one started
  | "internal";

export type RunServerMessage =
  | {
      type: "run.started";
      runId: string;
      requestId?: string;
      language: RunLanguage;
      interactive: boolean;
      limits: { cpuMs: number; wallMs: number; memoryMb: number; outputBytes: number };
    }
  | { type: "run.output"; runId: string; stream: RunStream; data: string; seq: number }
  | { type: "run.exit"; runId: string; result: RunExitResult; seq: number }
  | {
      type: "run.attached";
      runId: string;
      language: RunLanguage;
      interactive: boolean;
      running: boolean;
      /** Output before this seq is no longer buffered (the replay starts later). */
      firstSeq: number;
    }
  | { type: "run.error"; code: RunErrorCode; message: string; runId?: string; requestId?: string; quota?: QuotaErrorBody };

/**
 * A message whose type is run.* but that failed validation becomes a run.error (bad_request)
 * naming the first problem (e.g. "source is larger than 65536 bytes"); other messages: null.
 */
export function runValidationError(json: unknown, error: z.ZodError): RunServerMessage | null {
  if (typeof json !== "object" || json === null) return null;
  const { type, requestId, runId } = json as { type?: unknown; requestId?: unknown; runId?: unknown };
  if (typeof type !== "string" || !type.startsWith("run.")) return null;
  const issue = error.issues.find((i) => i.code === "custom") ?? error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return {
    type: "run.error",
    code: "bad_request",
    message: `${where}${issue?.message ?? "malformed message"}`.slice(0, 300),
    ...(typeof requestId === "string" && requestId.length <= 64 ? { requestId } : {}),
    ...(typeof runId === "string" && runId.length <= 64 ? { runId } : {}),
  };
}
