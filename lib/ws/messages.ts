import { z } from "zod";
import { runClientMessageSchemas, type RunServerMessage } from "../runs/protocol";
import { submissionClientMessageSchemas, type SubmissionServerMessage } from "../submissions/views";

/** Messages a client may send on /ws. The lead extends this union with run/judge messages. */
export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello") }).strict(),
  z.object({ type: z.literal("ping"), id: z.string().max(64).optional() }).strict(),
  // IDE runs (lib/runs, docs/websocket-protocol.md)
  ...runClientMessageSchemas,
  // Judging (lib/submissions, docs/websocket-protocol.md "Submissions")
  ...submissionClientMessageSchemas,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { type: "hello"; user: { id: string; role: string } }
  | { type: "pong"; id?: string }
  | { type: "error"; code: "bad_message" | "too_large" | "internal"; message: string }
  | RunServerMessage
  | SubmissionServerMessage;

export const MAX_MESSAGE_BYTES = 256 * 1024;
