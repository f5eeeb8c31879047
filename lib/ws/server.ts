import "server-only";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket, type RawData } from "ws";
import { authorize, type SessionUser } from "../auth/guards";
import { getEnv } from "../env";
import { logger } from "../logger";
import { clientMessageSchema, MAX_MESSAGE_BYTES, type ServerMessage } from "./messages";
import { isRunMessage, runValidationError } from "../runs/protocol";
import type { RunConnection } from "../runs/registry";
import { detachRunConnection, handleRunMessage, stopAllRuns } from "../runs/service";
import { isSubmissionMessage } from "../submissions/views";
import { detachSubmissionConnection, handleSubmissionMessage, type SubmissionConnection } from "../submissions/watch";

/** A socket as the run and submission handlers see it. */
type Connection = RunConnection & SubmissionConnection;

export const WS_PATH = "/ws";

function toHeaders(req: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) h.append(k, item);
    else h.set(k, v);
  }
  return h;
}

function refuse(socket: Duplex, status: 401 | 403, reason: string) {
  const text = status === 401 ? "Unauthorized" : "Forbidden";
  socket.write(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
  socket.destroy();
}

function send(ws: WebSocket, msg: ServerMessage) {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

/**
 * Handles one decoded message. Exported for tests and for the lead's run/judge extensions.
 * Run messages (lib/runs) answer through `conn` (null return) since a run streams many replies.
 */
export async function handleMessage(user: SessionUser, raw: string, conn?: Connection): Promise<ServerMessage | null> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { type: "error", code: "bad_message", message: "Message is not JSON" };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) {
    const bad = runValidationError(json, parsed.error);
    return bad ?? { type: "error", code: "bad_message", message: "Unknown or malformed message" };
  }
  const msg = parsed.data;
  if (isRunMessage(msg)) {
    if (!conn) return { type: "error", code: "bad_message", message: "Run messages need a connection" };
    await handleRunMessage(conn, user, msg);
    return null;
  }
  if (isSubmissionMessage(msg)) {
    if (!conn) return { type: "error", code: "bad_message", message: "Submission messages need a connection" };
    await handleSubmissionMessage(conn, user, msg);
    return null;
  }
  switch (msg.type) {
    case "hello":
      return { type: "hello", user: { id: user.id, role: user.role } };
    case "ping":
      return { type: "pong", id: msg.id };
  }
}

export type ArbiterWebSocketServer = {
  wss: WebSocketServer;
  /** Handles an HTTP upgrade for WS_PATH. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection with 1001 (going away). */
  close(): Promise<void>;
};

export function createWebSocketServer(): ArbiterWebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const trusted = getEnv().trustedOrigins;
  const log = logger.child({ component: "ws" });

  wss.on("connection", (ws: WebSocket, _req: IncomingMessage, user: SessionUser) => {
    log.info({ userId: user.id }, "ws connected");
    let alive = true;
    ws.on("pong", () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    heartbeat.unref();
    const conn: Connection = { id: randomUUID(), userId: user.id, send: (msg: ServerMessage) => send(ws, msg) };
    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (isBinary) return send(ws, { type: "error", code: "bad_message", message: "Binary messages are not supported" });
      const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : data.toString("utf8");
      handleMessage(user, text, conn).then(
        (reply) => reply && send(ws, reply),
        (err: unknown) => {
          log.error({ err, userId: user.id }, "ws handler failed");
          send(ws, { type: "error", code: "internal", message: "Internal error" });
        },
      );
    });
    ws.on("close", () => {
      clearInterval(heartbeat);
      detachRunConnection(conn);
      detachSubmissionConnection(conn);
    });
    ws.on("error", (err) => log.warn({ err: err.message, userId: user.id }, "ws error"));
  });

  return {
    wss,
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      const origin = req.headers.origin;
      // Cross-site WebSocket hijacking: browsers always send Origin on WebSocket handshakes.
      if (origin !== undefined && !trusted.includes(origin)) {
        log.warn({ origin }, "ws upgrade refused: untrusted origin");
        return refuse(socket, 403, "Untrusted origin");
      }
      authorize(toHeaders(req)).then(
        (result) => {
          if (!result.ok) {
            log.info({ status: result.status }, "ws upgrade refused");
            return refuse(socket, result.status, "Sign in first");
          }
          wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req, result.user));
        },
        (err: unknown) => {
          log.error({ err }, "ws upgrade failed");
          socket.destroy();
        },
      );
    },
    close() {
      stopAllRuns();
      return new Promise<void>((resolve) => {
        for (const client of wss.clients) client.close(1001, "Server shutting down");
        const timer = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, 1500);
        timer.unref();
        wss.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
