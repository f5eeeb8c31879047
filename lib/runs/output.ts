/**
 * One run's output on its way to the browser: UTF-8 decoding across chunk boundaries,
 * sanitising (sanitize.ts), coalescing bursts into one message per `flushMs`, a total cap, and
 * a replay buffer numbered by `seq` so a client that reconnects gets what it missed.
 */
import { StringDecoder } from "node:string_decoder";
import type { RunStream } from "./protocol";
import { TerminalSanitizer } from "./sanitize";

export interface OutputChunk {
  seq: number;
  stream: RunStream;
  data: string;
}

export interface RunOutputOptions {
  /** Called with each coalesced chunk (the run forwards it to the attached socket, if any). */
  emit: (chunk: OutputChunk) => void;
  /** Minimum time between two emits; the first chunk after a quiet period goes out at once. */
  flushMs?: number;
  /** Raw bytes forwarded per run; the rest is dropped and `truncated` set. */
  maxBytes?: number;
  /** Bytes of (sanitised) output kept for replay. */
  replayBytes?: number;
}

export class RunOutput {
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  private readonly sanitizers = { stdout: new TerminalSanitizer(), stderr: new TerminalSanitizer() };
  private pending: { stream: RunStream; data: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = -Infinity;
  private readonly history: (OutputChunk & { size: number })[] = [];
  private historyBytes = 0;
  private seq = 0;
  private rawBytes = 0;
  private finished = false;
  truncated = false;
  private readonly flushMs: number;
  private readonly maxBytes: number;
  private readonly replayBytes: number;

  constructor(private readonly options: RunOutputOptions) {
    this.flushMs = options.flushMs ?? 20;
    this.maxBytes = options.maxBytes ?? Infinity;
    this.replayBytes = options.replayBytes ?? 1024 * 1024;
  }

  write(stream: RunStream, chunk: Buffer): void {
    if (this.finished) return;
    const room = this.maxBytes - this.rawBytes;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    if (chunk.length > room) {
      chunk = chunk.subarray(0, room);
      this.truncated = true;
    }
    this.rawBytes += chunk.length;
    const text = this.sanitizers[stream].push(this.decoders[stream].write(chunk));
    if (text) this.queue(stream, text);
  }

  /** Flushes everything (unfinished UTF-8 and escape sequences included); returns the next seq. */
  finish(): number {
    if (!this.finished) {
      this.finished = true;
      for (const stream of ["stdout", "stderr"] as const) {
        const text = this.sanitizers[stream].push(this.decoders[stream].end()) + this.sanitizers[stream].end();
        if (text) this.queue(stream, text, false);
      }
      this.flush();
    }
    return this.seq + 1;
  }

  /** Output with seq > afterSeq that is still buffered. */
  replay(afterSeq: number): OutputChunk[] {
    return this.history.filter((c) => c.seq > afterSeq).map(({ seq, stream, data }) => ({ seq, stream, data }));
  }

  /** Seq of the oldest buffered chunk (everything before it was dropped from the buffer). */
  get firstSeq(): number {
    return this.history[0]?.seq ?? this.seq + 1;
  }

  get lastSeq(): number {
    return this.seq;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private queue(stream: RunStream, data: string, schedule = true): void {
    const last = this.pending.at(-1);
    if (last && last.stream === stream) last.data += data;
    else this.pending.push({ stream, data });
    if (!schedule || this.timer) return;
    const wait = this.lastFlush + this.flushMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    this.lastFlush = performance.now();
    for (const { stream, data } of this.pending.splice(0)) {
      const chunk: OutputChunk = { seq: ++this.seq, stream, data };
      const size = Buffer.byteLength(data);
      this.history.push({ ...chunk, size });
      this.historyBytes += size;
      while (this.historyBytes > this.replayBytes && this.history.length > 1) this.historyBytes -= this.history.shift()!.size;
      this.options.emit(chunk);
    }
  }
}
