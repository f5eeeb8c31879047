/**
 * Supervisor tests: build the static binary, run it as root inside a fresh PID namespace
 * (`unshare --pid --fork --mount-proc --kill-child`) and drive it with the TS client.
 *
 * NEVER start build/supervisor outside a new PID namespace as root: it ends every run with
 * kill(-1, SIGKILL). It refuses to start unless it is PID 1 (tested below, safely).
 *
 * Needs: root, Linux, gcc + static glibc, python3, unshare; cgroup v1 cpuacct for one test.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SupervisorConnection,
  type RunRequest,
  type SupervisorResult,
  encodeRunRequest,
  FrameDecoder,
  SupervisorError,
} from './client';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'build/supervisor');
const canRun = process.platform === 'linux' && process.getuid?.() === 0 && fs.existsSync('/usr/bin/unshare');
const CPUACCT = '/sys/fs/cgroup/cpuacct';

interface Sup {
  child: ChildProcessWithoutNullStreams;
  conn: SupervisorConnection;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startSupervisor(cgroupProcs?: string): Sup {
  const unshare = ['--pid', '--fork', '--mount-proc', '--kill-child', BIN];
  const child = cgroupProcs
    ? spawn('sh', ['-c', 'echo $$ > "$0" && exec unshare "$@"', cgroupProcs, ...unshare])
    : spawn('unshare', unshare);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const conn = new SupervisorConnection(child.stdin, child.stdout);
  conn.on('fatal', () => undefined);
  return { child, conn, stderr: () => err, exit };
}

interface RunOut {
  result: SupervisorResult;
  stdout: string;
  stderr: string;
}

let work = '';

function req(argv: string[], extra: Partial<RunRequest> = {}): RunRequest {
  return {
    argv,
    env: { PATH: '/usr/bin:/bin', HOME: '/tmp', LANG: 'C.UTF-8' },
    cwd: work,
    cpuMs: 2000,
    wallMs: 5000,
    outputBytes: 1 << 20,
    fsizeBytes: 1 << 20,
    nofile: 64,
    ...extra,
  };
}

async function runOn(
  conn: SupervisorConnection,
  argv: string[],
  extra: Partial<RunRequest> = {},
  stdin?: string,
): Promise<RunOut> {
  let stdout = '';
  let stderr = '';
  const h = conn.run(req(argv, extra), {
    onStdout: (b) => (stdout += b.toString()),
    onStderr: (b) => (stderr += b.toString()),
  });
  if (stdin !== undefined) {
    h.writeStdin(stdin);
    h.endStdin();
  }
  const result = await h.result;
  return { result, stdout, stderr };
}

describe.runIf(canRun)('supervisor', () => {
  let sup: Sup;
  const run = (argv: string[], extra: Partial<RunRequest> = {}, stdin?: string) => runOn(sup.conn, argv, extra, stdin);
  const py = (code: string, extra: Partial<RunRequest> = {}) => run(['python3', '-c', code], extra);

  beforeAll(async () => {
    const b = spawnSync('npm', ['run', '-s', 'build:supervisor'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stdout}${b.stderr}`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'arbiter-sup-test-'));
    fs.chmodSync(work, 0o755);
    for (const [d, uid] of [
      ['run', 1002],
      ['build', 1001],
    ] as const) {
      fs.mkdirSync(path.join(work, d));
      fs.chownSync(path.join(work, d), uid, uid);
    }
    sup = startSupervisor();
  }, 60_000);

  afterAll(async () => {
    if (sup) {
      sup.conn.quit();
      await sup.exit;
    }
    if (work) {
      // the test made files as 1001/1002; root removes them
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses to start unless it is PID 1, and kills nothing', async () => {
    const bystander = spawn('sleep', ['30']);
    try {
      const r = spawnSync(BIN, [], { encoding: 'utf8', timeout: 5000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/PID 1/);
      expect(r.stdout).toBe('');
      expect(() => process.kill(bystander.pid!, 0)).not.toThrow();
    } finally {
      bystander.kill('SIGKILL');
    }
  });

  it('says it is ready, with separate uids when started as root', async () => {
    expect(await sup.conn.ready()).toEqual({ version: 1, uids: 'multi' });
  });

  it('runs /bin/echo and python3', async () => {
    const a = await run(['/bin/echo', 'hello', 'world']);
    expect(a.result).toMatchObject({ outcome: 'exited', exitCode: 0, signal: null, truncated: false });
    expect(a.stdout).toBe('hello world\n');
    expect(a.result.outputBytes).toBe(12);
    const b = await py('import sys; print("hi"); print("err", file=sys.stderr)');
    expect(b.result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(b.stdout).toBe('hi\n');
    expect(b.stderr).toBe('err\n');
    expect(b.result.maxRssKb).toBeGreaterThan(1000);
    expect(b.result.cpuMs).toBeGreaterThanOrEqual(0);
  });

  it('reports exit codes and signals', async () => {
    expect((await run(['sh', '-c', 'exit 3'])).result).toMatchObject({ outcome: 'exited', exitCode: 3, signal: null });
    expect((await run(['sh', '-c', 'kill -SEGV $$'])).result).toMatchObject({
      outcome: 'signaled',
      exitCode: null,
      signal: 11,
    });
  });

  it('feeds stdin from I/E frames and from stdin_file', async () => {
    const a = await run(['cat'], {}, 'line one\nline two\n');
    expect(a.stdout).toBe('line one\nline two\n');
    const f = path.join(work, 'input.txt');
    fs.writeFileSync(f, '3 4\n');
    fs.chmodSync(f, 0o644);
    const b = await run(['python3', '-c', 'a,b=map(int,input().split()); print(a+b)'], { stdinFile: f });
    expect(b.result.outcome).toBe('exited');
    expect(b.stdout).toBe('7\n');
    const c = await run(['cat'], { stdinFile: '/nonexistent/input' });
    expect(c.result.outcome).toBe('setup_error');
    expect(c.result.message).toMatch(/stdin_file: No such file/);
  });

  it('drops pending stdin when the program closes its end (EPIPE is not an error)', async () => {
    const r = await run(['head', '-c', '5'], {}, 'x'.repeat(3_000_000));
    expect(r.result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(r.stdout).toBe('xxxxx');
    expect((await run(['echo', 'next'])).stdout).toBe('next\n');
  });

  it('streams an interactive session line by line', async () => {
    let pending: ((s: string) => void) | null = null;
    let buf = '';
    const h = sup.conn.run(
      // values cannot contain newlines (PROTOCOL.md): multi-line code goes through exec
      req(['python3', '-u', '-c', 'exec("import sys\\nfor l in sys.stdin: print(l.strip().upper(), flush=True)")']),
      {
        onStdout: (b) => {
          buf += b.toString();
          const nl = buf.indexOf('\n');
          if (nl >= 0 && pending) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            const p = pending;
            pending = null;
            p(line);
          }
        },
        onStderr: () => undefined,
      },
    );
    for (const word of ['alpha', 'beta', 'gamma', 'delta']) {
      const answer = new Promise<string>((res) => (pending = res));
      h.writeStdin(`${word}\n`);
      expect(await answer).toBe(word.toUpperCase());
    }
    h.endStdin();
    expect((await h.result).outcome).toBe('exited');
  });

  it('enforces cpu time on a busy loop (RLIMIT_CPU)', async () => {
    const r = await py('while True: pass', { cpuMs: 500, wallMs: 15_000 });
    expect(r.result.outcome).toBe('cpu_limit');
    expect(r.result.cpuMs).toBeGreaterThanOrEqual(500);
    expect(r.result.cpuMs).toBeLessThan(2100); // RLIMIT_CPU: soft 1 s, hard 2 s
  });

  it('enforces wall time on sleep and on a program blocked on stdin', async () => {
    const a = await run(['sleep', '10'], { wallMs: 300 });
    expect(a.result.outcome).toBe('wall_limit');
    expect(a.result.wallMs).toBeGreaterThanOrEqual(300);
    expect(a.result.wallMs).toBeLessThan(1000);
    const b = await run(['cat'], { wallMs: 300 }); // stdin never ended
    expect(b.result.outcome).toBe('wall_limit');
  });

  it('cuts an output flood at output_bytes', async () => {
    const r = await run(['yes'], { outputBytes: 100_000 });
    expect(r.result.outcome).toBe('output_limit');
    expect(r.result.truncated).toBe(true);
    expect(r.stdout.length).toBe(100_000);
    expect(r.result.outputBytes).toBeGreaterThanOrEqual(100_000);
  });

  it('cancels a run through an AbortSignal', async () => {
    const ac = new AbortController();
    const h = sup.conn.run(req(['sleep', '10']), { onStdout: () => undefined, onStderr: () => undefined, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const r = await h.result;
    expect(r.outcome).toBe('cancelled');
    expect(r.wallMs).toBeLessThan(2000);
  });

  it('kills a double-forked daemon when the run ends', async () => {
    const r = await run([
      'sh',
      '-c',
      'setsid sh -c "sleep 986 </dev/null >/dev/null 2>&1 &"; (setsid sleep 987 &); echo started',
    ]);
    expect(r.stdout).toBe('started\n');
    expect(r.result.outcome).toBe('exited');
    // (other sandboxes on this host may run uid 1002 processes too: look for ours only)
    const pg = spawnSync('pgrep', ['-a', '-u', '1002', '-f', '^sleep 98[67]$'], { encoding: 'utf8' });
    expect(pg.stdout).toBe('');
    expect(pg.status).toBe(1);
  });

  it('seccomp: ptrace, unshare, mount and namespace clones die with SIGSYS', async () => {
    const libc = 'import ctypes; libc = ctypes.CDLL(None, use_errno=True); ';
    for (const call of [
      'libc.ptrace(0, 0, 0, 0)',
      'libc.unshare(0x10000000)',
      'libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)',
      'libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)', // clone(CLONE_NEWUSER|SIGCHLD)
      'libc.syscall(310, 1, 0, 0, 0, 0, 0)', // process_vm_readv
      'libc.mknod(b"/tmp/x-dev", 0o20600, 0x0103)', // char device
    ]) {
      const r = await py(libc + call);
      expect(r.result, call).toMatchObject({ outcome: 'signaled', signal: 31 });
    }
  });

  it('seccomp: io_uring_setup and clone3 get ENOSYS; threads, fork, mkfifo, node still work', async () => {
    const src = path.join(work, 'seccomp_ok.py');
    fs.writeFileSync(
      src,
      'import ctypes, os, threading; libc = ctypes.CDLL(None, use_errno=True)\n' +
        'buf = ctypes.create_string_buffer(256)\n' +
        'print(libc.syscall(425, 8, buf), ctypes.get_errno())\n' +
        'print(libc.syscall(435, 0, 0), ctypes.get_errno())\n' +
        't = threading.Thread(target=lambda: print("thread")); t.start(); t.join()\n' +
        'pid = os.fork()\n' +
        'if pid == 0: os._exit(7)\n' +
        'print("child", os.waitpid(pid, 0)[1] >> 8)\n' +
        'os.mkfifo("/tmp/arbiter-test-fifo-%d" % os.getpid()); os.unlink("/tmp/arbiter-test-fifo-%d" % os.getpid()); print("fifo")\n',
    );
    fs.chmodSync(src, 0o644);
    const r = await run(['python3', src]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('-1 38\n-1 38\nthread\nchild 7\nfifo\n');
    const n = await run(['node', '-e', 'require("fs").readFile("/etc/hostname", (e) => console.log(e ? "err" : "node ok"))']);
    expect(n.stdout).toBe('node ok\n');
  });

  it('compiles C as uid 1001 with gcc under the filter and runs the binary as 1002', async () => {
    const dir = path.join(work, 'build');
    await sup.conn.writeFile(path.join(dir, 'hello.c'), '#include <stdio.h>\nint main(void){puts("compiled");return 0;}\n', {
      mode: 0o644,
      uid: 1001,
    });
    const c = await run(['gcc', '-O0', '-o', 'hello', 'hello.c'], { uid: 1001, cwd: dir, nofile: 256, fsizeBytes: 1 << 26 });
    expect(c.stderr).toBe('');
    expect(c.result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    const r = await run(['./hello'], { cwd: dir });
    expect(r.stdout).toBe('compiled\n');
  });

  it('separates uids: runs as 1002 (or 1001) and cannot signal PID 1', async () => {
    expect((await run(['id', '-u'])).stdout).toBe('1002\n');
    expect((await run(['id'], { uid: 1001 })).stdout).toBe('uid=1001 gid=1001 groups=1001\n');
    const k = await run(['sh', '-c', 'kill -9 1 2>/dev/null; echo $?; kill -STOP 1 2>/dev/null; echo $?']);
    expect(k.stdout).toBe('1\n1\n');
    const caps = await run(['sh', '-c', 'grep -E "^Cap(Inh|Prm|Eff|Amb)" /proc/self/status; grep NoNewPrivs /proc/self/status']);
    expect(caps.stdout).toMatch(/CapPrm:\s+0+\n/);
    expect(caps.stdout).toMatch(/CapEff:\s+0+\n/);
    expect(caps.stdout).toMatch(/NoNewPrivs:\s+1/);
    const env = await run(['cat', '/proc/1/environ']);
    expect(env.result.exitCode).not.toBe(0);
    // still alive and answering
    expect((await run(['true'])).result.outcome).toBe('exited');
  });

  it('gives the program only fds 0, 1 and 2', async () => {
    const r = await run(['sh', '-c', 'ls /proc/$$/fd']);
    expect(r.stdout).toBe('0\n1\n2\n');
  });

  it('reports setup errors', async () => {
    const r = await run(['definitely-not-a-program-xyz']);
    expect(r.result).toMatchObject({ outcome: 'setup_error', exitCode: null, signal: null });
    expect(r.result.message).toBe('exec: No such file or directory');
    const c = await run(['true'], { cwd: '/nonexistent-dir' });
    expect(c.result.outcome).toBe('setup_error');
    expect(c.result.message).toMatch(/^chdir \/nonexistent-dir: No such file/);
  });

  it('writes files as the given uid (W) and reads them back', async () => {
    const f = path.join(work, 'run', 'sub', 'dir', 'data.txt');
    await sup.conn.writeFile(f, 'written by W\n', { mode: 0o640, uid: 1002 });
    const st = fs.statSync(f);
    expect(st.uid).toBe(1002);
    expect(st.mode & 0o777).toBe(0o640);
    expect(fs.statSync(path.dirname(f)).mode & 0o777).toBe(0o755);
    expect((await run(['cat', f])).stdout).toBe('written by W\n');

    // > 900 KiB goes in several frames
    const big = Buffer.alloc(2_500_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
    const g = path.join(work, 'run', 'big.bin');
    await sup.conn.writeFile(g, big, { mode: 0o644, uid: 1002 });
    const sum = await run(['sha256sum', g]);
    expect(sum.stdout.split(' ')[0]).toBe(createHash('sha256').update(big).digest('hex'));

    // no symlink is followed, and a user cannot write where it could not itself
    fs.symlinkSync('/etc', path.join(work, 'run', 'etc-link'));
    await expect(sup.conn.writeFile(path.join(work, 'run', 'etc-link', 'x'), 'x', { mode: 0o644, uid: 1002 })).rejects.toThrow();
    await expect(sup.conn.writeFile('/etc/arbiter-should-not-exist', 'x', { mode: 0o644, uid: 1002 })).rejects.toThrow(
      /Permission denied/,
    );
    expect(fs.existsSync('/etc/arbiter-should-not-exist')).toBe(false);
  });

  it('defers W and C sent during a run until the run is over', async () => {
    const f = path.join(work, 'run', 'during.txt');
    let out = '';
    const h = sup.conn.run(req(['sh', '-c', `sleep 0.2; cat ${f} 2>/dev/null || echo absent`]), {
      onStdout: (b) => (out += b.toString()),
      onStderr: () => undefined,
    });
    let acked = false;
    const w = sup.conn.writeFile(f, 'now\n', { mode: 0o644, uid: 1002 }).then(() => (acked = true));
    const r = await h.result;
    expect(acked).toBe(false);
    expect(r.outcome).toBe('exited');
    expect(out).toBe('absent\n');
    await w;
    expect(fs.readFileSync(f, 'utf8')).toBe('now\n');
  });

  it('cleans a hostile tree (C) without following symlinks', async () => {
    const box = path.join(work, 'run', 'box');
    fs.mkdirSync(box);
    fs.chownSync(box, 1002, 1002);
    const hostFile = path.join(work, 'host-secret.txt');
    fs.writeFileSync(hostFile, 'keep me');
    fs.chmodSync(hostFile, 0o666); // 1002 could even write it: C must still leave it alone
    const deep = Array.from({ length: 80 }, () => 'd').join('/');
    const mk = await run(
      [
        'sh',
        '-c',
        `set -e; ln -s / root; ln -s ${hostFile} secret; mkfifo fifo; mkdir -p a/b/c; echo x > a/b/c/f;` +
          `ln -s ${work} a/b/up; mkdir locked; touch locked/inner; chmod 000 locked; mkdir ro; touch ro/f; chmod 555 ro;` +
          `mkdir -p ${deep}; touch .hidden`,
      ],
      { cwd: box },
    );
    expect(mk.stderr).toBe('');
    expect(mk.result.exitCode).toBe(0);
    // something 1002 cannot delete: a root-owned file in a root-owned dir
    fs.mkdirSync(path.join(box, 'rootdir'));
    fs.writeFileSync(path.join(box, 'rootdir', 'f'), 'root');
    await expect(sup.conn.clean([box], 1002)).rejects.toThrow(/Permission denied|nested too deeply/);
    const left = fs.readdirSync(box).sort();
    // the deep chain stops at the depth cap; everything else that 1002 owns is gone
    expect(left.filter((n) => n !== 'd')).toEqual(['rootdir']);
    expect(fs.readFileSync(hostFile, 'utf8')).toBe('keep me');
    expect(fs.existsSync('/etc/passwd')).toBe(true);
    expect(fs.existsSync(work)).toBe(true);
    // a tree without such obstacles is cleaned with ok=1
    fs.rmSync(path.join(box, 'rootdir'), { recursive: true });
    fs.rmSync(path.join(box, 'd'), { recursive: true, force: true });
    await run(['sh', '-c', 'mkdir -p x/y && touch x/y/z && ln -s / x/root'], { cwd: box });
    await sup.conn.clean([box], 1002);
    expect(fs.readdirSync(box)).toEqual([]);
  });

  it('enforces cpu_ms over 4 parallel processes with cpu_usage_file (cgroup v1 cpuacct)', async () => {
    if (!fs.existsSync(path.join(CPUACCT, 'cpuacct.usage'))) return;
    const cg = fs.mkdtempSync(path.join(CPUACCT, 'arbiter-test-'));
    fs.chmodSync(cg, 0o755); // the supervisor reads cpuacct.usage as uid 1000
    let s2: Sup | null = null;
    try {
      s2 = startSupervisor(path.join(cg, 'cgroup.procs'));
      await s2.conn.ready();
      const r = await runOn(s2.conn, ['sh', '-c', 'for i in 1 2 3 4; do (while :; do :; done) & done; wait'], {
        cpuMs: 600,
        wallMs: 15_000,
        cpuUsageFile: path.join(cg, 'cpuacct.usage'),
      });
      expect(r.result.outcome, r.result.message).toBe('cpu_limit');
      expect(r.result.cpuMs).toBeGreaterThanOrEqual(600);
      // RLIMIT_CPU alone would let each of the 4 burn a whole second (4000 ms in total)
      expect(r.result.cpuMs).toBeLessThan(1500);
    } finally {
      if (s2) {
        s2.conn.quit();
        await s2.exit;
      }
      for (let i = 0; i < 50; i++) {
        try {
          fs.rmdirSync(cg);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    }
  });

  it('exits with F on a protocol violation, and the client rejects what is pending', async () => {
    const s = startSupervisor();
    await s.conn.ready();
    const fatal = new Promise<Error>((res) => s.conn.once('fatal', res));
    const h = s.conn.run(req(['sleep', '5']), { onStdout: () => undefined, onStderr: () => undefined });
    s.child.stdin.write(Buffer.from([0x5a, 0, 0, 0, 0])); // unknown type 'Z'
    await expect(h.result).rejects.toThrow(/fatal error: unknown message type/);
    expect((await fatal).message).toMatch(/unknown message type/);
    expect(await s.exit).toBe(2);
    await expect(s.conn.clean(['/tmp/x'], 1002)).rejects.toThrow(SupervisorError);

    const s3 = startSupervisor();
    await s3.conn.ready();
    const header = Buffer.alloc(5);
    header.write('I', 0);
    header.writeUInt32LE((1 << 20) + 1, 1);
    s3.child.stdin.write(header);
    expect(await s3.exit).toBe(2);
    expect(s3.conn.error?.message).toMatch(/exceeds the 1 MiB limit/);
  });

  it('second R during a run is fatal', async () => {
    const s = startSupervisor();
    await s.conn.ready();
    const h = s.conn.run(req(['sleep', '5']), { onStdout: () => undefined, onStderr: () => undefined });
    const raw = encodeRunRequest(req(['true']));
    const header = Buffer.alloc(5);
    header.write('R', 0);
    header.writeUInt32LE(raw.length, 1);
    s.child.stdin.write(Buffer.concat([header, raw]));
    await expect(h.result).rejects.toThrow(/R during a run/);
    expect(await s.exit).toBe(2);
  });
});

describe('client encoding and decoding', () => {
  it('refuses values that would break framing', () => {
    expect(() => encodeRunRequest(req(['echo', 'a\nb']))).toThrow(/newline/);
    expect(() => encodeRunRequest({ ...req(['x']), env: { 'A=B': '1' } })).toThrow(/variable name/);
    expect(() => encodeRunRequest({ ...req(['x']), env: { A: 'x\0y' } })).toThrow(/NUL/);
    expect(() => encodeRunRequest(req([]))).toThrow(/argv/);
    expect(() => encodeRunRequest(req(['x'], { cpuMs: -1 }))).toThrow(/cpuMs/);
    expect(() => encodeRunRequest(req(['x'], { cwd: 'relative' }))).toThrow(/absolute/);
    expect(() => encodeRunRequest(req(['x'], { uid: 0 as 1001 }))).toThrow(/uid/);
    expect(() => encodeRunRequest(req(['x'.repeat(1 << 20)]))).toThrow(/1 MiB/);
    expect(encodeRunRequest(req(['echo', 'hi'])).toString()).toContain('arg=echo\narg=hi\nenv=PATH=/usr/bin:/bin');
  });

  it('rejects oversized incoming frames', () => {
    const d = new FrameDecoder();
    const h = Buffer.alloc(5);
    h.write('1', 0);
    h.writeUInt32LE(200_000, 1);
    expect(() => d.push(h)).toThrow(/exceeds the limit/);
  });

  it('rejects malformed results and a violation fails the connection', async () => {
    const { PassThrough } = await import('node:stream');
    const input = new PassThrough();
    const output = new PassThrough();
    const conn = new SupervisorConnection(input, output);
    const fatal = new Promise<Error>((res) => conn.on('fatal', res));
    const f = (t: string, p: string) => {
      const b = Buffer.from(p);
      const h = Buffer.alloc(5);
      h.write(t, 0);
      h.writeUInt32LE(b.length, 1);
      return Buffer.concat([h, b]);
    };
    output.write(f('Y', 'version=1\nuids=single'));
    expect(await conn.ready()).toEqual({ version: 1, uids: 'single' });
    const h = conn.run(req(['x']), { onStdout: () => undefined, onStderr: () => undefined });
    output.write(f('X', 'outcome=exited\nexit_code=0\nsignal=\ncpu_ms=1\nwall_ms=1\nmax_rss_kb=1\noutput_bytes=0\ntruncated=0\nmessage=\nextra=1'));
    await expect(h.result).rejects.toThrow(/malformed result/);
    expect((await fatal).message).toMatch(/malformed result/);
    await expect(conn.writeFile('/x', 'y', { mode: 0o644, uid: 1002 })).rejects.toThrow(/malformed result/);
  });
});
