/**
 * The browser side of the run protocol (docs/websocket-protocol.md): one WebSocket to /ws,
 * reconnected with backoff; the current run re-attached after a reconnect or a page reload
 * (its id is kept in sessionStorage), output de-duplicated by seq.
 */
import type { RunExitResult, RunLanguage, RunServerMessage, RunStream } from "@/lib/runs/protocol";

export type RunPhase = "idle" | "starting" | "running";

export interface RunClientEvents {
  onPhase(phase: RunPhase, info: { runId: string | null; interactive: boolean }): void;
  onConnection(connected: boolean): void;
  /** A new run starts (or a run is re-attached after a reload): clear the console. */
  onReset(): void;
  onOutput(stream: RunStream, data: string): void;
  onExit(result: RunExitResult): void;
  /** Errors and notices for the console. */
  onNotice(text: string, kind: "error" | "info"): void;
}

export interface StartRequest {
  language: RunLanguage;
  source: string;
  stdin?: string;
  problemSlug?: string;
}

type Stored = { runId: string };

export class RunClient {
  private ws: WebSocket | null = null;
  private queue: string[] = [];
  private closed = false;
  private retry = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private runId: string | null = null;
  private lastSeq = 0;
  private phase: RunPhase = "idle";
  private interactive = false;
  private requestId: string | null = null;
  private requestCounter = 0;
  /** After a reload: attach to this run once connected. */
  private reattach: Stored | null = null;

  constructor(
    private readonly storageKey: string,
    private readonly events: RunClientEvents,
    private readonly url = defaultUrl(),
  ) {
    try {
      const raw = sessionStorage.getItem(this.storageKey);
      const stored = raw ? (JSON.parse(raw) as Stored) : null;
      if (stored && typeof stored.runId === "string") this.reattach = stored;
    } catch {
      /* no storage: no re-attach */
    }
  }

  connect(): void {
    this.closed = false;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.events.onConnection(true);
      if (this.reattach) {
        // First connection after a reload: replay everything still buffered.
        this.runId = this.reattach.runId;
        this.lastSeq = 0;
        this.reattach = null;
        this.events.onReset();
        this.raw({ type: "run.attach", runId: this.runId, afterSeq: -1 });
      } else if (this.runId && this.phase === "running") {
        this.raw({ type: "run.attach", runId: this.runId, afterSeq: this.lastSeq });
      }
      for (const m of this.queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (e) => {
      try {
        this.onMessage(JSON.parse(String(e.data)) as RunServerMessage | { type: string });
      } catch {
        /* ignore malformed */
      }
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.events.onConnection(false);
      if (this.closed) return;
      if (e.code === 1008 || e.code === 4401) {
        this.events.onNotice("Signed out: sign in again to run code.", "error");
        return;
      }
      const wait = Math.min(5000, 250 * 2 ** this.retry++);
      this.retryTimer = setTimeout(() => this.connect(), wait);
    };
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.ws?.close(1000);
    this.ws = null;
  }

  get currentPhase(): RunPhase {
    return this.phase;
  }

  get isInteractive(): boolean {
    return this.interactive && this.phase === "running";
  }

  start(request: StartRequest): void {
    this.requestId = `r${++this.requestCounter}-${Date.now().toString(36)}`;
    this.runId = null;
    this.lastSeq = 0;
    this.interactive = request.stdin === undefined;
    this.setPhase("starting");
    this.events.onReset();
    this.send({ type: "run.start", ...request, requestId: this.requestId });
  }

  stdin(data: string): void {
    if (this.runId && this.phase === "running") this.send({ type: "run.stdin", runId: this.runId, data });
  }

  eof(): void {
    if (this.runId && this.phase === "running") this.send({ type: "run.eof", runId: this.runId });
  }

  stop(): void {
    if (this.runId && this.phase === "running") this.send({ type: "run.stop", runId: this.runId });
    else if (this.phase === "starting") this.pendingStop = true;
  }
  private pendingStop = false;

  private send(msg: Record<string, unknown>): void {
    const text = JSON.stringify(msg);
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
    else {
      this.queue.push(text);
      if (!this.ws && !this.closed) {
        clearTimeout(this.retryTimer);
        this.connect();
      }
    }
  }

  private raw(msg: Record<string, unknown>): void {
    this.ws?.send(JSON.stringify(msg));
  }

  private setPhase(phase: RunPhase): void {
    this.phase = phase;
    this.events.onPhase(phase, { runId: this.runId, interactive: this.interactive });
  }

  private remember(): void {
    try {
      if (this.runId) sessionStorage.setItem(this.storageKey, JSON.stringify({ runId: this.runId } satisfies Stored));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      /* ignore */
    }
  }

  private onMessage(msg: RunServerMessage | { type: string }): void {
    switch (msg.type) {
      case "run.started": {
        const m = msg as Extract<RunServerMessage, { type: "run.started" }>;
        if (m.requestId !== this.requestId) return; // an older start of ours
        this.runId = m.runId;
        this.interactive = m.interactive;
        this.remember();
        this.setPhase("running");
        if (this.pendingStop) {
          this.pendingStop = false;
          this.stop();
        }
        return;
      }
      case "run.attached": {
        const m = msg as Extract<RunServerMessage, { type: "run.attached" }>;
        if (m.runId !== this.runId) return;
        if (m.firstSeq > this.lastSeq + 1) this.events.onNotice("[earlier output is no longer available]", "info");
        this.interactive = m.interactive;
        this.setPhase(m.running ? "running" : "idle");
        return;
      }
      case "run.output": {
        const m = msg as Extract<RunServerMessage, { type: "run.output" }>;
        if (m.runId !== this.runId || m.seq <= this.lastSeq) return;
        this.lastSeq = m.seq;
        this.events.onOutput(m.stream, m.data);
        return;
      }
      case "run.exit": {
        const m = msg as Extract<RunServerMessage, { type: "run.exit" }>;
        if (m.runId !== this.runId) return;
        this.lastSeq = Math.max(this.lastSeq, m.seq);
        this.setPhase("idle");
        this.events.onExit(m.result);
        return;
      }
      case "run.error": {
        const m = msg as Extract<RunServerMessage, { type: "run.error" }>;
        if (m.requestId !== undefined && m.requestId !== this.requestId) return;
        if (m.code === "not_found" && m.runId) {
          // The run we tried to re-attach to is gone (ended more than the grace window ago).
          if (m.runId === this.runId) {
            this.runId = null;
            this.remember();
            if (this.phase !== "idle") this.setPhase("idle");
          }
          return;
        }
        if (m.code === "not_running") return;
        this.events.onNotice(m.message, "error");
        if (this.phase === "starting") this.setPhase("idle");
        return;
      }
      case "error": {
        const m = msg as { message?: string };
        this.events.onNotice(m.message ?? "error", "error");
        if (this.phase === "starting") this.setPhase("idle");
        return;
      }
    }
  }
}

function defaultUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}
