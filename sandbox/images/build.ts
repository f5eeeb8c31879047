// Builds the runner image offline and idempotently (`npm run sandbox:image`, run as root).
//
//   1. base root filesystem: mmdebstrap --variant=minbase from the host's Debian mirror,
//      customized by runner/customize.sh, cached as a tar under /var/cache/arbiter/ keyed by a
//      hash of packages.txt + build options + the hook;
//   2. the supervisor (`npm run build:supervisor`) -> /opt/arbiter/supervisor;
//   3. Docker: `docker import` base -> arbiter-runner-base:<baseHash>, then a two-line
//      Dockerfile adds the supervisor -> arbiter-runner:<hash> and arbiter-runner:latest
//      (skipped when no Docker daemon answers);
//   4. bubblewrap: the base tar unpacked into /var/lib/arbiter/rootfs/<hash>/ plus the
//      supervisor; /var/lib/arbiter/rootfs/current points at it;
//   5. /var/lib/arbiter/runner-image.json records it (read with sandbox/image-info.ts).
//
// Options: --force (rebuild everything, including the cached base tar), --no-docker,
// --placeholder-supervisor (development only: a stand-in instead of the real supervisor).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNNER_IMAGE_INFO_PATH, readRunnerImageInfo, type RunnerImageInfo } from '../image-info.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNNER_DIR = join(REPO, 'sandbox/images/runner');
const CACHE_DIR = process.env.ARBITER_CACHE_DIR ?? '/var/cache/arbiter';
const STATE_DIR = dirname(RUNNER_IMAGE_INFO_PATH); // /var/lib/arbiter
const ROOTFS_ROOT = join(STATE_DIR, 'rootfs');
const INFO_PATH = RUNNER_IMAGE_INFO_PATH;

const SUITE = 'bookworm';
const VARIANT = 'minbase';
/** 2025-01-01T00:00:00Z: fixed so two builds from the same package versions are identical. */
const SOURCE_DATE_EPOCH = '1735689600';
const IMAGE_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'];
const DPKG_OPTS = [
  'path-exclude=/usr/share/man/*',
  'path-exclude=/usr/share/info/*',
  'path-exclude=/usr/share/doc/*',
  'path-include=/usr/share/doc/*/copyright',
  'path-exclude=/usr/share/locale/*',
  'path-exclude=/usr/share/lintian/*',
];
/** Merged /usr the debootstrap way (usr-is-merged): avoids usrmerge and its perl (~50 MB). */
const HOOK_DIRS = ['/usr/share/mmdebstrap/hooks/merged-usr'];
/** Bump when the build logic changes in a way that changes the output. */
const BUILD_VERSION = 1;

/** Where `npm run build:supervisor` leaves the binary (first existing wins). */
const SUPERVISOR_CANDIDATES = [
  'build/supervisor',
  'sandbox/supervisor/build/supervisor',
  'sandbox/supervisor/dist/supervisor',
  'sandbox/supervisor/out/supervisor',
  'sandbox/supervisor/supervisor',
  'dist/supervisor',
];

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!['--force', '--no-docker', '--placeholder-supervisor', '--help', '-h'].includes(a)) {
    fail(`unknown option ${a} (options: --force, --no-docker, --placeholder-supervisor)`);
  }
}
if (args.has('--help') || args.has('-h')) {
  console.log('usage: npm run sandbox:image [-- --force] [-- --no-docker] [-- --placeholder-supervisor]');
  process.exit(0);
}
const FORCE = args.has('--force');

// ---------------------------------------------------------------------------------------------

class StepError extends Error {}

function fail(msg: string): never {
  console.error(`sandbox:image: error: ${msg}`);
  process.exit(1);
}

function say(msg: string): void {
  console.log(`sandbox:image: ${msg}`);
}

function secs(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

interface RunResult {
  code: number;
  out: string;
}

/** Runs a command, collecting stdout+stderr (also appended to `log` when given). */
function run(
  cmd: string,
  argv: string[],
  opts: { env?: NodeJS.ProcessEnv; log?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, argv, {
      cwd: opts.cwd ?? REPO,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let logFd: number | null = null;
    if (opts.log) logFd = openSync(opts.log, 'a');
    const onData = (b: Buffer) => {
      chunks.push(b);
      if (logFd !== null) writeFileSync(logFd, b);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      chunks.push(Buffer.from(String(e)));
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (logFd !== null) closeSync(logFd);
      resolvePromise({ code: code ?? 1, out: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

async function must(cmd: string, argv: string[], what: string, opts: Parameters<typeof run>[2] = {}) {
  const r = await run(cmd, argv, opts);
  if (r.code !== 0) {
    const tail = r.out.trim().split('\n').slice(-25).join('\n');
    throw new StepError(`${what} failed (exit ${r.code}): ${cmd} ${argv.join(' ')}\n${tail}`);
  }
  return r.out;
}

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => res(h.digest('hex')))
      .on('error', rej);
  });
}

function sha256(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}

// --- inputs --------------------------------------------------------------------------------

function readPackages(): string[] {
  const text = readFileSync(join(RUNNER_DIR, 'packages.txt'), 'utf8');
  const pkgs = text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  for (const p of pkgs) if (!/^[a-z0-9][a-z0-9+.-]*$/.test(p)) fail(`bad package name in packages.txt: ${p}`);
  if (pkgs.length === 0) fail('packages.txt lists no packages');
  return [...new Set(pkgs)];
}

/** Debian archive URIs of this host's apt sources (deb.debian.org etc.; others skipped). */
function hostDebianMirrors(): { uris: string[]; skipped: string[] } {
  const files: string[] = [];
  if (existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  const d = '/etc/apt/sources.list.d';
  if (existsSync(d)) {
    for (const f of readdirSync(d).sort()) if (f.endsWith('.list') || f.endsWith('.sources')) files.push(join(d, f));
  }
  const uris: string[] = [];
  const skipped: string[] = [];
  const consider = (uri: string) => {
    let host = '';
    try {
      host = new URL(uri).hostname;
    } catch {
      return;
    }
    const clean = uri.replace(/\/+$/, '');
    if (/(^|\.)debian\.org$/.test(host) && host !== 'snapshot.debian.org') {
      if (!uris.includes(clean)) uris.push(clean);
    } else if (!skipped.includes(host)) skipped.push(host);
  };
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (f.endsWith('.list')) {
      for (const line of text.split('\n')) {
        const l = line.replace(/#.*/, '').trim();
        const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(l);
        if (m?.[1]) consider(m[1]);
      }
    } else {
      for (const para of text.split(/\n\s*\n/)) {
        const fields = new Map<string, string>();
        let last = '';
        for (const line of para.split('\n')) {
          if (line.startsWith('#')) continue;
          const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
          if (m?.[1]) {
            last = m[1].toLowerCase();
            fields.set(last, m[2] ?? '');
          } else if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
        }
        if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
        if ((fields.get('enabled') ?? 'yes').trim().toLowerCase() === 'no') continue;
        for (const u of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean)) consider(u);
      }
    }
  }
  return { uris, skipped };
}

/** mmdebstrap mirror lines for bookworm from the host's Debian URIs (defaults without any). */
function mirrorLines(uris: string[]): string[] {
  const archive = uris.filter((u) => !/-security$/.test(u));
  const security = uris.filter((u) => /-security$/.test(u));
  if (archive.length === 0) archive.push('http://deb.debian.org/debian');
  if (security.length === 0) security.push('http://deb.debian.org/debian-security');
  return [
    ...archive.map((u) => `deb ${u} ${SUITE} main`),
    ...archive.map((u) => `deb ${u} ${SUITE}-updates main`),
    ...security.map((u) => `deb ${u} ${SUITE}-security main`),
  ];
}

// --- supervisor ----------------------------------------------------------------------------

const PLACEHOLDER_C = `/* Stand-in for the Arbiter supervisor (sandbox/images/build.ts --placeholder-supervisor). */
#include <stdio.h>
int main(void) {
  fputs("arbiter placeholder supervisor: the real one was not built (sandbox/supervisor/*.c missing)\\n", stderr);
  return 70;
}
`;

async function buildSupervisor(): Promise<{ path: string; placeholder: boolean }> {
  const supDir = join(REPO, 'sandbox/supervisor');
  const sources = existsSync(supDir) ? readdirSync(supDir).filter((f) => f.endsWith('.c')) : [];
  if (sources.length === 0 || args.has('--placeholder-supervisor')) {
    if (!args.has('--placeholder-supervisor')) {
      throw new StepError(
        'supervisor sources missing: sandbox/supervisor/*.c does not exist yet, so ' +
          '/opt/arbiter/supervisor cannot be built. (Development only: --placeholder-supervisor ' +
          'puts a stand-in there.)',
      );
    }
    mkdirSync(CACHE_DIR, { recursive: true });
    const src = join(CACHE_DIR, 'placeholder-supervisor.c');
    const out = join(CACHE_DIR, 'placeholder-supervisor');
    writeFileSync(src, PLACEHOLDER_C);
    await must('gcc', ['-O2', '-static', '-o', out, src], 'compiling the placeholder supervisor');
    return { path: out, placeholder: true };
  }
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.['build:supervisor']) {
    throw new StepError('sandbox/supervisor/*.c exists but package.json has no "build:supervisor" script');
  }
  const candidates = process.env.ARBITER_SUPERVISOR_BIN
    ? [process.env.ARBITER_SUPERVISOR_BIN]
    : SUPERVISOR_CANDIDATES.map((c) => join(REPO, c));
  // Like make: rebuild unless a binary is newer than every source, header and package.json.
  const inputs = [
    ...readdirSync(supDir).filter((f) => /\.(c|h)$/.test(f)).map((f) => join(supDir, f)),
    join(REPO, 'package.json'),
  ];
  const newestInput = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  const existing = candidates.find((c) => existsSync(c));
  if (FORCE || !existing || statSync(existing).mtimeMs < newestInput) {
    await must('npm', ['run', '--silent', 'build:supervisor'], 'npm run build:supervisor');
  }
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return { path: c, placeholder: false };
    } catch {
      /* next */
    }
  }
  throw new StepError(
    `npm run build:supervisor succeeded but no binary was found at ${candidates.join(', ')} ` +
      '(set ARBITER_SUPERVISOR_BIN to its path)',
  );
}

// --- docker --------------------------------------------------------------------------------

async function dockerAnswers(): Promise<boolean> {
  const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
  return r.code === 0 && r.out.trim().length > 0;
}

async function imageId(ref: string): Promise<string | null> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref]);
  return r.code === 0 ? r.out.trim() : null;
}

async function imageSize(ref: string): Promise<number | null> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{.Size}}', ref]);
  const n = Number(r.out.trim());
  return r.code === 0 && Number.isFinite(n) ? n : null;
}

/** Removes arbiter-runner(-base) tags other than the current ones; in-use images stay. */
async function pruneOldImages(keep: Set<string>): Promise<void> {
  for (const repo of ['arbiter-runner', 'arbiter-runner-base']) {
    const r = await run('docker', ['images', repo, '--format', '{{.Repository}}:{{.Tag}}']);
    if (r.code !== 0) continue;
    for (const ref of r.out.split('\n').map((s) => s.trim()).filter(Boolean)) {
      if (!keep.has(ref) && !ref.endsWith(':<none>')) await run('docker', ['rmi', ref]);
    }
  }
  // Untagged leftovers of earlier (--force) builds; every runner image carries this label.
  await run('docker', ['image', 'prune', '-f', '--filter', 'label=org.arbiter.runner.base']);
}

// --- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = Date.now();
  if (process.getuid?.() !== 0) {
    fail('must run as root (mmdebstrap, docker import, root-owned rootfs); try: sudo npm run sandbox:image');
  }
  for (const tool of ['mmdebstrap', 'tar', 'gcc']) {
    const r = await run('sh', ['-c', `command -v ${tool}`]);
    if (r.code !== 0) fail(`${tool} not found; run scripts/setup-host.sh first`);
  }

  // Inputs and hashes.
  const packages = readPackages();
  const { uris, skipped } = hostDebianMirrors();
  const mirrors = mirrorLines(uris);
  const arch = (await must('dpkg', ['--print-architecture'], 'dpkg --print-architecture')).trim();
  const customize = readFileSync(join(RUNNER_DIR, 'customize.sh'));
  const options = {
    v: BUILD_VERSION,
    suite: SUITE,
    variant: VARIANT,
    arch,
    packages,
    mirrors,
    sourceDateEpoch: SOURCE_DATE_EPOCH,
    dpkgOpts: DPKG_OPTS,
    hookDirs: HOOK_DIRS,
    customizeSha256: sha256(customize),
  };
  const baseHash = sha256(JSON.stringify(options)).slice(0, 16);

  let supervisor: { path: string; placeholder: boolean };
  try {
    supervisor = await buildSupervisor();
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const supSha = await sha256File(supervisor.path);
  const hash = sha256(`${baseHash}\n${supSha}\n${BUILD_VERSION}`).slice(0, 16);

  const useDocker = !args.has('--no-docker') && (await dockerAnswers());
  const finalRef = `arbiter-runner:${hash}`;
  const baseRef = `arbiter-runner-base:${baseHash}`;
  const rootfsDir = join(ROOTFS_ROOT, hash);
  const currentLink = join(ROOTFS_ROOT, 'current');

  // Up to date?
  const prev = readRunnerImageInfo(INFO_PATH);
  if (!FORCE && prev && prev.hash === hash && existsSync(rootfsDir) && linkTarget(currentLink) === hash) {
    let dockerOk = !useDocker;
    if (useDocker && prev.dockerImageId) {
      const id = await imageId(finalRef);
      dockerOk = id === prev.dockerImageId && (await imageId('arbiter-runner:latest')) === id;
    }
    if (dockerOk) {
      say(
        `up to date: ${hash} (${useDocker ? `${finalRef}, ` : 'no docker, '}${rootfsDir}${supervisor.placeholder ? ', PLACEHOLDER supervisor' : ''}) [${secs(t0)}]`,
      );
      return;
    }
  }
  // Not up to date: build, one build at a time per host (another one would delete our
  // half-unpacked rootfs). The locked re-run checks again, so waiting for a build is enough.
  if (!process.env.ARBITER_IMAGE_LOCK_HELD && spawnSync('sh', ['-c', 'command -v flock']).status === 0) {
    const lock = join(CACHE_DIR, '.build.lock');
    mkdirSync(CACHE_DIR, { recursive: true, mode: 0o755 });
    if (spawnSync('flock', ['-n', lock, 'true']).status !== 0) say(`waiting for another build (${lock}) ...`);
    const r = spawnSync('flock', [lock, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, ARBITER_IMAGE_LOCK_HELD: '1' },
    });
    process.exit(r.status ?? 1);
  }
  if (skipped.length) say(`mirrors: ${uris.join(' ') || 'deb.debian.org (default)'}; skipped non-Debian: ${skipped.join(', ')}`);
  if (supervisor.placeholder) say('WARNING: using a PLACEHOLDER supervisor (--placeholder-supervisor): sandboxes will not work');

  // 1. Base root filesystem (cached tar).
  mkdirSync(CACHE_DIR, { recursive: true, mode: 0o755 });
  const baseTar = join(CACHE_DIR, `runner-base-${baseHash}.tar`);
  if (FORCE || !existsSync(baseTar)) {
    const t = Date.now();
    const log = join(CACHE_DIR, `mmdebstrap-${baseHash}.log`);
    writeFileSync(log, '');
    const tmpTar = `${baseTar}.tmp-${process.pid}`;
    say(`base rootfs: mmdebstrap ${SUITE} ${VARIANT} + ${packages.join(',')} (log: ${log}) ...`);
    try {
      await must(
        'mmdebstrap',
        [
          `--variant=${VARIANT}`,
          '--format=tar',
          `--architectures=${arch}`,
          `--include=${packages.join(',')}`,
          '--aptopt=Acquire::Retries "3"',
          ...DPKG_OPTS.map((o) => `--dpkgopt=${o}`),
          ...HOOK_DIRS.filter((d) => existsSync(d)).map((d) => `--hook-dir=${d}`),
          `--customize-hook=sh '${join(RUNNER_DIR, 'customize.sh')}' "$1"`,
          SUITE,
          tmpTar,
          ...mirrors,
        ],
        'mmdebstrap',
        { env: { ...process.env, SOURCE_DATE_EPOCH, LC_ALL: 'C.UTF-8' }, log },
      );
    } catch (e) {
      rmSync(tmpTar, { force: true });
      throw e;
    }
    renameSync(tmpTar, baseTar);
    // Older cached bases are not needed any more.
    for (const f of readdirSync(CACHE_DIR)) {
      if (/^(runner-base-|mmdebstrap-)/.test(f) && !f.includes(baseHash)) rmSync(join(CACHE_DIR, f), { force: true });
    }
    say(`base rootfs: ${(statSync(baseTar).size / 1e6).toFixed(0)} MB tar in ${secs(t)}`);
  } else {
    say(`base rootfs: cached ${baseTar}`);
  }
  const manifest = await must('tar', ['-xOf', baseTar, './opt/arbiter/manifest.txt'], 'reading the manifest');
  const pkgVersions: Record<string, string> = {};
  for (const line of manifest.split('\n')) {
    const [name, version] = line.split('\t');
    if (name && version) pkgVersions[name.replace(/:.*$/, '')] = version;
  }
  for (const p of packages) if (!pkgVersions[p]) throw new StepError(`package ${p} is missing from the built rootfs`);

  // 2. Docker image.
  let dockerImage: string | null = null;
  let dockerImageId: string | null = null;
  let dockerImageSize: number | null = null;
  if (useDocker) {
    const t = Date.now();
    if (FORCE || !(await imageId(baseRef))) {
      await must(
        'docker',
        [
          'import',
          ...IMAGE_ENV.map((e) => `--change=ENV ${e}`),
          '--change=WORKDIR /box',
          `--change=LABEL org.arbiter.runner.base="${baseHash}"`,
          `--message=arbiter runner base ${baseHash}`,
          baseTar,
          baseRef,
        ],
        'docker import',
      );
      say(`docker: imported ${baseRef} in ${secs(t)}`);
    }
    const ctx = mkdtempSync(join(tmpdir(), 'arbiter-image-'));
    try {
      copyFileSync(supervisor.path, join(ctx, 'supervisor'));
      chmodSync(join(ctx, 'supervisor'), 0o755);
      writeFileSync(
        join(ctx, 'Dockerfile'),
        `FROM ${baseRef}\nCOPY supervisor /opt/arbiter/supervisor\nLABEL org.arbiter.runner.hash="${hash}" org.arbiter.runner.base="${baseHash}"\n`,
      );
      // The classic builder uses the local base image as is and never contacts a registry.
      const out = await must(
        'docker',
        ['build', '--network=none', '-t', finalRef, '-t', 'arbiter-runner:latest', ctx],
        'docker build',
        { env: { ...process.env, DOCKER_BUILDKIT: '0' } },
      );
      if (/Pulling (from|fs layer)|pull access denied/i.test(out)) throw new StepError(`docker build tried to pull:\n${out}`);
    } finally {
      rmSync(ctx, { recursive: true, force: true });
    }
    dockerImage = finalRef;
    dockerImageId = await imageId(finalRef);
    dockerImageSize = await imageSize(finalRef);
    if (!dockerImageId) throw new StepError(`docker image ${finalRef} missing after build`);
    await pruneOldImages(new Set([finalRef, baseRef, 'arbiter-runner:latest']));
    say(`docker: ${finalRef} = ${dockerImageId} (${((dockerImageSize ?? 0) / 1e6).toFixed(0)} MB) in ${secs(t)}`);
  } else {
    say(args.has('--no-docker') ? 'docker: skipped (--no-docker)' : 'docker: skipped (no Docker daemon answers)');
  }

  // 3. bubblewrap rootfs.
  {
    const t = Date.now();
    mkdirSync(ROOTFS_ROOT, { recursive: true, mode: 0o755 });
    chmodSync(STATE_DIR, 0o755);
    chmodSync(ROOTFS_ROOT, 0o755);
    if (FORCE || !existsSync(rootfsDir)) {
      const tmp = `${rootfsDir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { mode: 0o755 });
      await must(
        'tar',
        ['-x', '--numeric-owner', '-p', '--exclude=./dev/*', '-f', baseTar, '-C', tmp],
        'unpacking the rootfs',
      );
      const dest = join(tmp, 'opt/arbiter/supervisor');
      copyFileSync(supervisor.path, dest);
      chownSync(dest, 0, 0);
      chmodSync(dest, 0o755);
      chownSync(tmp, 0, 0);
      chmodSync(tmp, 0o755);
      rmSync(rootfsDir, { recursive: true, force: true });
      renameSync(tmp, rootfsDir);
      say(`rootfs: unpacked ${rootfsDir} in ${secs(t)}`);
    }
    const tmpLink = `${currentLink}.tmp-${process.pid}`;
    rmSync(tmpLink, { force: true });
    symlinkSync(hash, tmpLink);
    renameSync(tmpLink, currentLink);
    for (const f of readdirSync(ROOTFS_ROOT)) {
      if (f !== hash && f !== 'current') rmSync(join(ROOTFS_ROOT, f), { recursive: true, force: true });
    }
  }

  // 4. Record.
  const info: RunnerImageInfo = {
    hash,
    dockerImage,
    dockerImageId,
    rootfsDir,
    packages: pkgVersions,
    builtAt: new Date().toISOString(),
    baseHash,
    supervisorSha256: supSha,
    supervisorPlaceholder: supervisor.placeholder,
    dockerImageSize,
    rootfsCurrent: currentLink,
  };
  const tmpInfo = `${INFO_PATH}.tmp-${process.pid}`;
  writeFileSync(tmpInfo, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmpInfo, INFO_PATH);
  say(`built ${hash} in ${secs(t0)}; recorded in ${INFO_PATH}`);
}

function linkTarget(p: string): string | null {
  try {
    return readlinkSync(p);
  } catch {
    return null;
  }
}

main().catch((e: unknown) => {
  fail(e instanceof StepError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
});
