/**
 * Per-run overhead of the supervisor against a bare process (run as root):
 *   npm run build:supervisor && npx tsx sandbox/supervisor/bench.ts [runs]
 * Bare: node spawn() -> 'close' (node's own spawn costs ~1 ms). Supervisor: run() -> result
 * round trip, the supervisor already started
 * (in `unshare --pid --fork --mount-proc --kill-child`), so this is the per-test cost.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SupervisorConnection, type RunRequest } from './client';

const N = Number(process.argv[2] ?? 20);
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arbiter-bench-'));
fs.chmodSync(dir, 0o755);
fs.writeFileSync(path.join(dir, 'hello.c'), '#include <stdio.h>\nint main(void){puts("hello");return 0;}\n');
const cc = spawnSync('gcc', ['-O2', '-o', path.join(dir, 'hello'), path.join(dir, 'hello.c')]);
if (cc.status !== 0) throw new Error('gcc failed');

const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child', path.join(ROOT, 'build/supervisor')]);
const conn = new SupervisorConnection(child.stdin, child.stdout);
await conn.ready();

const env = { PATH: '/usr/bin:/bin' };
function bare(argv: string[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  return new Promise((res) => {
    const p = spawn(argv[0]!, argv.slice(1), { env: env as unknown as NodeJS.ProcessEnv, cwd: dir, stdio: 'pipe' });
    p.stdin.end();
    p.stdout.resume();
    p.stderr.resume();
    p.on('close', () => res(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}
async function supervised(argv: string[]): Promise<[number, number, number]> {
  const req: RunRequest = { argv, env, cwd: dir, cpuMs: 2000, wallMs: 5000, outputBytes: 1 << 20, fsizeBytes: 1 << 20, nofile: 64 };
  const t0 = process.hrtime.bigint();
  const r = await conn.run(req, { onStdout: () => undefined, onStderr: () => undefined }).result;
  if (r.outcome !== 'exited' || r.exitCode !== 0) throw new Error(JSON.stringify(r));
  return [Number(process.hrtime.bigint() - t0) / 1e6, r.maxRssKb, r.wallMs];
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

for (const [name, argv] of [
  ['C hello', [path.join(dir, 'hello')]],
  ['python3 -c print(1)', ['python3', '-c', 'print(1)']],
] as const) {
  const b: number[] = [];
  const s: number[] = [];
  const rss: number[] = [];
  const inner: number[] = [];
  for (let i = 0; i < 3; i++) {
    await bare([...argv]);
    await supervised([...argv]);
  }
  for (let i = 0; i < N; i++) {
    b.push(await bare([...argv]));
    const [ms, kb, wall] = await supervised([...argv]);
    s.push(ms);
    rss.push(kb);
    inner.push(wall);
  }
  console.log(
    `${name}: bare ${median(b).toFixed(2)} ms, supervisor ${median(s).toFixed(2)} ms, ` +
      `overhead ${(median(s) - median(b)).toFixed(2)} ms (median of ${N}); ` +
      `supervisor-reported wall_ms ${median(inner)}; max_rss_kb ${median(rss)}`,
  );
}
conn.quit();
fs.rmSync(dir, { recursive: true, force: true });
