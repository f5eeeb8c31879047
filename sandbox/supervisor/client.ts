/**
 * Host side of the supervisor protocol (see PROTOCOL.md next to this file).
 *
 * The supervisor runs in a hostile place (user code shares its sandbox), so everything it
 * sends is decoded strictly: unknown frame types, oversized frames, frames that make no
 * sense in the current state and malformed result records are protocol violations. A
 * violation, an `F` frame or a closed stream fails the connection: every pending promise
 * rejects with a clear Error and the 'fatal' event fires once (the owner should then kill
 * the sandbox).
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';

/** Host-to-supervisor payload limit (the supervisor exits on a longer one). */
export const MAX_HOST_PAYLOAD = 1 << 20;
/** Largest supervisor-to-host frame accepted: 64 KiB output chunks plus slack for records. */
export const MAX_SUPERVISOR_FRAME = 64 * 1024 + 4096;
/** Write-file content per `W` frame (header included it stays below MAX_HOST_PAYLOAD). */
export const WRITE_CHUNK_BYTES = 900 * 1024;
const STDIN_CHUNK_BYTES = 256 * 1024;

export type RunUid = 1001 | 1002;

export interface RunRequest {
  /** argv; argv[0] is looked up in env.PATH. */
  argv: string[];
  /** The whole environment of the program; nothing is inherited. */
  env: Record<string, string>;
  /** Working directory (default /box). */
  cwd?: string;
  /** 1001 (build) or 1002 (run, default); ignored when uids=single. */
  uid?: RunUid;
  cpuMs: number;
  wallMs: number;
  outputBytes: number;
  fsizeBytes: number;
  nofile: number;
  /** RLIMIT_STACK (0 = leave as is; default 64 MiB). */
  stackBytes?: number;
  /** RLIMIT_NPROC (0 = leave as is, the default). */
  procs?: number;
  /** RLIMIT_DATA per process: the memory limit when the box has no memory cgroup. */
  dataBytes?: number;
  /** Open this file (as the run's uid) as stdin instead of the writeStdin/endStdin pipe. */
  stdinFile?: string;
  /** cgroup file to enforce cpuMs over all processes while the run goes on. */
  cpuUsageFile?: string;
}

export type Outcome =
  | 'exited'
  | 'signaled'
  | 'cpu_limit'
  | 'wall_limit'
  | 'output_limit'
  | 'cancelled'
  | 'setup_error';

export interface SupervisorResult {
  outcome: Outcome;
  exitCode: number | null;
  signal: number | null;
  cpuMs: number;
  wallMs: number;
  maxRssKb: number;
  outputBytes: number;
  truncated: boolean;
  message: string;
}

export interface RunIo {
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
  /** Aborting sends `K`: the run ends with outcome 'cancelled'. */
  signal?: AbortSignal;
}

export interface RunHandle {
  result: Promise<SupervisorResult>;
  /** Queue bytes for the program's stdin (ignored once the run is over or after endStdin). */
  writeStdin(data: Buffer | string): void;
  /** Close the program's stdin once everything written so far was delivered. */
  endStdin(): void;
}

export interface ReadyInfo {
  version: number;
  uids: 'multi' | 'single';
}

/** The supervisor sent `F`, broke the protocol, or its stream closed. */
export class SupervisorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SupervisorError';
  }
}

// ---------------------------------------------------------------------------------------
// encoding

function frame(type: string, payload: Buffer): Buffer {
  if (payload.length > MAX_HOST_PAYLOAD) {
    throw new RangeError(`payload of ${payload.length} bytes exceeds the 1 MiB protocol limit`);
  }
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

function checkValue(what: string, value: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (value.includes('\n') || value.includes('\0')) {
    throw new RangeError(`${what} must not contain a newline or NUL: ${JSON.stringify(value).slice(0, 80)}`);
  }
  return value;
}

function checkPath(what: string, value: string): string {
  checkValue(what, value);
  if (!value.startsWith('/')) throw new RangeError(`${what} must be an absolute path: ${JSON.stringify(value)}`);
  return value;
}

function checkUint(what: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer in 0..${max}, got ${value}`);
  }
  return value;
}

type Line = [key: string, value: string];

function textPayload(lines: Line[]): Buffer {
  return Buffer.from(lines.map(([k, v]) => `${k}=${checkValue(k, v)}`).join('\n'), 'utf8');
}

/** Builds the `R` payload; throws on anything that cannot be framed safely. */
export function encodeRunRequest(req: RunRequest): Buffer {
  if (!Array.isArray(req.argv) || req.argv.length === 0) throw new RangeError('argv must not be empty');
  if (req.argv[0] === '') throw new RangeError('argv[0] must not be empty');
  const lines: Line[] = [];
  req.argv.forEach((a, i) => lines.push(['arg', checkValue(`argv[${i}]`, a)]));
  for (const [k, v] of Object.entries(req.env)) {
    if (k === '' || k.includes('=')) throw new RangeError(`invalid environment variable name ${JSON.stringify(k)}`);
    lines.push(['env', `${checkValue(`env name ${k}`, k)}=${checkValue(`env ${k}`, v)}`]);
  }
  if (req.cwd !== undefined) lines.push(['cwd', checkPath('cwd', req.cwd)]);
  if (req.uid !== undefined) {
    if (req.uid !== 1001 && req.uid !== 1002) throw new RangeError('uid must be 1001 or 1002');
    lines.push(['uid', String(req.uid)]);
  }
  const day = 86_400_000;
  lines.push(['cpu_ms', String(checkUint('cpuMs', req.cpuMs, day))]);
  lines.push(['wall_ms', String(checkUint('wallMs', req.wallMs, day))]);
  lines.push(['output_bytes', String(checkUint('outputBytes', req.outputBytes, 2 ** 40))]);
  lines.push(['fsize_bytes', String(checkUint('fsizeBytes', req.fsizeBytes, 2 ** 50))]);
  if (checkUint('nofile', req.nofile, 1 << 20) < 3) throw new RangeError('nofile must be at least 3');
  lines.push(['nofile', String(req.nofile)]);
  if (req.stackBytes !== undefined) lines.push(['stack_bytes', String(checkUint('stackBytes', req.stackBytes, 2 ** 40))]);
  if (req.procs !== undefined) lines.push(['procs', String(checkUint('procs', req.procs, 1 << 22))]);
  if (req.dataBytes !== undefined) lines.push(['data_bytes', String(checkUint('dataBytes', req.dataBytes, 2 ** 44))]);
  if (req.stdinFile !== undefined) lines.push(['stdin_file', checkPath('stdinFile', req.stdinFile)]);
  if (req.cpuUsageFile !== undefined) lines.push(['cpu_usage_file', checkPath('cpuUsageFile', req.cpuUsageFile)]);
  const payload = textPayload(lines);
  if (payload.length > MAX_HOST_PAYLOAD) throw new RangeError('run request exceeds 1 MiB');
  return payload;
}

// ---------------------------------------------------------------------------------------
// decoding

const uintString = z.string().regex(/^(0|[1-9][0-9]{0,15})$/).transform(Number);
const optionalInt = z
  .string()
  .regex(/^(|-?(0|[1-9][0-9]{0,9}))$/)
  .transform((s) => (s === '' ? null : Number(s)));

const resultSchema = z
  .object({
    outcome: z.enum(['exited', 'signaled', 'cpu_limit', 'wall_limit', 'output_limit', 'cancelled', 'setup_error']),
    exit_code: optionalInt,
    signal: optionalInt,
    cpu_ms: uintString,
    wall_ms: uintString,
    max_rss_kb: uintString,
    output_bytes: uintString,
    truncated: z.enum(['0', '1']),
    message: z.string().max(4096),
  })
  .strict();

const readySchema = z
  .object({ version: z.literal('1'), uids: z.enum(['multi', 'single']) })
  .strict();

const ackSchema = z.union([
  z.object({ ok: z.literal('1') }).strict(),
  z.object({ ok: z.literal('0'), error: z.string().max(4096) }).strict(),
]);

/** key=value lines, each key at most once. */
function parseRecord(payload: Buffer): Record<string, string> {
  const text = payload.toString('utf8');
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (text === '') return out;
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new SupervisorError(`malformed record line ${JSON.stringify(line).slice(0, 80)}`);
    const key = line.slice(0, eq);
    if (key in out) throw new SupervisorError(`duplicate key ${key} in record`);
    out[key] = line.slice(eq + 1);
  }
  return out;
}

export function decodeResult(payload: Buffer): SupervisorResult {
  const parsed = resultSchema.safeParse(parseRecord(payload));
  if (!parsed.success) throw new SupervisorError(`malformed result record: ${parsed.error.message}`);
  const r = parsed.data;
  return {
    outcome: r.outcome,
    exitCode: r.exit_code,
    signal: r.signal,
    cpuMs: r.cpu_ms,
    wallMs: r.wall_ms,
    maxRssKb: r.max_rss_kb,
    outputBytes: r.output_bytes,
    truncated: r.truncated === '1',
    message: r.message,
  };
}

/** Incremental frame splitter with a size cap. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxPayload = MAX_SUPERVISOR_FRAME) {}

  /** Returns the complete frames; throws SupervisorError on an oversized frame. */
  push(chunk: Buffer): Array<{ type: string; payload: Buffer }> {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Array<{ type: string; payload: Buffer }> = [];
    for (;;) {
      if (this.buffered < 5) break;
      let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [buf];
      const len = buf.readUInt32LE(1);
      if (len > this.maxPayload) {
        throw new SupervisorError(`frame of ${len} bytes exceeds the limit of ${this.maxPayload}`);
      }
      if (buf.length < 5 + len) break;
      frames.push({ type: String.fromCharCode(buf[0]!), payload: Buffer.from(buf.subarray(5, 5 + len)) });
      buf = buf.subarray(5 + len);
      this.chunks = buf.length ? [buf] : [];
      this.buffered = buf.length;
    }
    return frames;
  }
}

// ---------------------------------------------------------------------------------------

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejection nobody awaits must not crash the host process.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

interface ActiveRun {
  io: RunIo;
  done: Deferred<SupervisorResult>;
  cleanup(): void;
}

export interface SupervisorConnectionEvents {
  fatal: [error: Error];
}

export class SupervisorConnection extends EventEmitter<SupervisorConnectionEvents> {
  private readonly decoder = new FrameDecoder();
  private readonly readyState = deferred<ReadyInfo>();
  private gotReady = false;
  private active: ActiveRun | null = null;
  private readonly acks: Array<Deferred<void>> = [];
  private failure: Error | null = null;
  private quitting = false;

  constructor(
    private readonly input: NodeJS.WritableStream,
    output: NodeJS.ReadableStream,
  ) {
    super();
    output.on('data', (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    // After quit() the stream ending is the expected end: pending work still rejects, but
    // no 'fatal' event.
    output.on('end', () => this.fail(new SupervisorError('supervisor stream ended'), !this.quitting));
    output.on('close', () => this.fail(new SupervisorError('supervisor stream closed'), !this.quitting));
    output.on('error', (e: Error) => this.fail(new SupervisorError(`supervisor stream error: ${e.message}`)));
    input.on('error', (e: Error) => this.fail(new SupervisorError(`supervisor input error: ${e.message}`)));
  }

  /** The error that ended the connection, if any. */
  get error(): Error | null {
    return this.failure;
  }

  ready(): Promise<ReadyInfo> {
    return this.readyState.promise;
  }

  run(req: RunRequest, io: RunIo): RunHandle {
    const done = deferred<SupervisorResult>();
    const noop: RunHandle = { result: done.promise, writeStdin: () => undefined, endStdin: () => undefined };
    if (this.failure) {
      done.reject(this.failure);
      return noop;
    }
    if (this.active) {
      done.reject(new Error('a run is already in progress on this supervisor'));
      return noop;
    }
    let payload: Buffer;
    try {
      payload = encodeRunRequest(req);
    } catch (e) {
      done.reject(e as Error);
      return noop;
    }
    let stdinOpen = req.stdinFile === undefined;
    let cancelled = false;
    const onAbort = () => {
      if (!cancelled && this.active === run) {
        cancelled = true;
        this.send('K', Buffer.alloc(0));
      }
    };
    const run: ActiveRun = {
      io,
      done,
      cleanup: () => io.signal?.removeEventListener('abort', onAbort),
    };
    this.active = run;
    this.send('R', payload);
    if (io.signal) {
      if (io.signal.aborted) onAbort();
      else io.signal.addEventListener('abort', onAbort, { once: true });
    }
    return {
      result: done.promise,
      writeStdin: (data) => {
        if (!stdinOpen || this.active !== run) return;
        const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        for (let off = 0; off < buf.length; off += STDIN_CHUNK_BYTES) {
          this.send('I', buf.subarray(off, off + STDIN_CHUNK_BYTES));
        }
      },
      endStdin: () => {
        if (!stdinOpen || this.active !== run) return;
        stdinOpen = false;
        this.send('E', Buffer.alloc(0));
      },
    };
  }

  /**
   * Writes a file as `uid` (parents created 0755, no symlink followed). Content above
   * WRITE_CHUNK_BYTES goes in several frames, each awaited before the next.
   */
  async writeFile(path: string, content: Buffer | string, opts: { mode: number; uid: number }): Promise<void> {
    checkPath('path', path);
    checkUint('mode', opts.mode, 0o777);
    checkUint('uid', opts.uid, 65535);
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let off = 0;
    do {
      const piece = data.subarray(off, off + WRITE_CHUNK_BYTES);
      const header = textPayload([
        ['path', path],
        ['mode', opts.mode.toString(8)],
        ['uid', String(opts.uid)],
        ['append', off === 0 ? '0' : '1'],
      ]);
      await this.request('W', Buffer.concat([header, Buffer.from('\n\n'), piece]));
      off += piece.length;
    } while (off < data.length);
  }

  /** Deletes everything inside each dir (not the dirs themselves) as `uid`. */
  clean(dirs: string[], uid: number): Promise<void> {
    try {
      if (dirs.length === 0) throw new RangeError('clean needs at least one dir');
      const lines: Line[] = dirs.map((d) => {
        checkPath('dir', d);
        if (/^\/+$/.test(d)) throw new RangeError('refusing to clean /');
        return ['dir', d];
      });
      lines.push(['uid', String(checkUint('uid', uid, 65535))]);
      return this.request('C', textPayload(lines));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  /** Asks the supervisor to kill everything and exit; ends our side of the stream. */
  quit(): void {
    if (this.failure) return;
    this.send('Q', Buffer.alloc(0));
    this.quitting = true;
    this.input.end();
  }

  // -------------------------------------------------------------------------------------

  private request(type: 'W' | 'C', payload: Buffer): Promise<void> {
    const d = deferred<void>();
    if (this.failure) {
      d.reject(this.failure);
      return d.promise;
    }
    try {
      this.send(type, payload);
    } catch (e) {
      d.reject(e as Error);
      return d.promise;
    }
    this.acks.push(d);
    return d.promise;
  }

  private send(type: string, payload: Buffer): void {
    if (this.failure) return;
    this.input.write(frame(type, payload));
  }

  private onData(chunk: Buffer): void {
    if (this.failure) return;
    try {
      for (const f of this.decoder.push(chunk)) {
        this.onFrame(f.type, f.payload);
        if (this.failure) return;
      }
    } catch (e) {
      this.fail(e instanceof SupervisorError ? e : new SupervisorError(`protocol violation: ${(e as Error).message}`));
    }
  }

  private onFrame(type: string, payload: Buffer): void {
    if (type === 'F') {
      this.fail(new SupervisorError(`supervisor fatal error: ${payload.toString('utf8').slice(0, 1000)}`));
      return;
    }
    if (!this.gotReady) {
      if (type !== 'Y') throw new SupervisorError(`expected the ready message first, got '${type}'`);
      const r = readySchema.safeParse(parseRecord(payload));
      if (!r.success) throw new SupervisorError(`malformed ready message: ${r.error.message}`);
      this.gotReady = true;
      this.readyState.resolve({ version: Number(r.data.version), uids: r.data.uids });
      return;
    }
    switch (type) {
      case '1':
      case '2': {
        const run = this.active;
        if (!run) throw new SupervisorError('output outside a run');
        if (type === '1') run.io.onStdout(payload);
        else run.io.onStderr(payload);
        return;
      }
      case 'X': {
        const run = this.active;
        if (!run) throw new SupervisorError('result outside a run');
        const result = decodeResult(payload);
        this.active = null;
        run.cleanup();
        run.done.resolve(result);
        return;
      }
      case 'A': {
        const d = this.acks.shift();
        if (!d) throw new SupervisorError('unexpected ack');
        const r = ackSchema.safeParse(parseRecord(payload));
        if (!r.success) throw new SupervisorError(`malformed ack: ${r.error.message}`);
        if (r.data.ok === '1') d.resolve();
        else d.reject(new Error(r.data.error));
        return;
      }
      default:
        throw new SupervisorError(`unknown frame type 0x${type.charCodeAt(0).toString(16)}`);
    }
  }

  private fail(err: Error, report = true): void {
    if (this.failure) return;
    this.failure = err;
    this.readyState.reject(err);
    if (this.active) {
      const run = this.active;
      this.active = null;
      run.cleanup();
      run.done.reject(err);
    }
    for (const d of this.acks.splice(0)) d.reject(err);
    if (report) this.emit('fatal', err);
  }
}
