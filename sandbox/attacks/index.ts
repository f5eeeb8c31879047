/**
 * The attack suite: hostile programs and what the sandbox must make of them. Shared by the
 * tests (sandbox/attacks.test.ts, on every backend) and `npm run sandbox:doctor`.
 *
 * Programs that probe many things print one line per probe, `<probe>: blocked (...)` or
 * `<probe>: ESCAPED (...)`; `expectBlocked` lists the probes that must appear as blocked.
 */
import type { LanguageId } from "../languages";
import type { RequestedLimits } from "../limits";
import type { RunStatus } from "../types";
import { PROBE_SOURCES } from "./probes";

export interface Attack {
  id: string;
  title: string;
  language: LanguageId;
  source: string;
  stdin?: string;
  limits?: RequestedLimits;
  /** Keep stdin open (the program waits for input that never comes). */
  holdStdin?: boolean;
  /** Acceptable statuses. */
  expect: RunStatus[];
  /** Probe lines that must say "blocked". */
  expectBlocked?: string[];
  /** The run must end within this wall time (ms), e.g. a daemon must not hold the run open. */
  maxWallMs?: number;
  /** Substrings stdout must contain. */
  stdoutIncludes?: string[];
  /** Environment canary: the host sets it, stdout must never contain its value. */
  mustNotLeak?: string[];
}

export const HOST_CANARY_ENV = "ARBITER_ATTACK_CANARY";

const tight: RequestedLimits = { cpuMs: 1000, wallMs: 3000 };

export const ATTACKS: Attack[] = [
  {
    id: "fork-bomb",
    title: "fork bomb",
    language: "c",
    source: `#include <unistd.h>\nint main(void){for(;;)fork();}\n`,
    limits: tight,
    expect: ["TLE"],
  },
  {
    id: "thread-bomb",
    title: "thread bomb",
    language: "python",
    source: `import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n`,
    limits: tight,
    expect: ["RE", "TLE"],
  },
  {
    id: "daemon",
    title: "double-forked daemon outliving the run",
    language: "python",
    source: `import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.close(1); os.close(2)\n        time.sleep(60)\n    os._exit(0)\nprint("parent done")\n`,
    expect: ["OK"],
    maxWallMs: 2500,
  },
  {
    id: "daemon-holding-stdout",
    title: "daemon keeping stdout open",
    language: "python",
    source: `import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(60)\nprint("parent done", flush=True)\n`,
    expect: ["OK"],
    maxWallMs: 2500,
  },
  { id: "busy-loop", title: "busy loop", language: "c", source: `int main(void){for(volatile long i=0;;i++);}\n`, limits: tight, expect: ["TLE"] },
  { id: "sleep", title: "sleeping forever", language: "python", source: `import time\ntime.sleep(600)\n`, limits: tight, expect: ["TLE"] },
  {
    id: "stdin-block",
    title: "blocking on stdin that never ends",
    language: "python",
    source: `import sys\nsys.stdin.read()\n`,
    limits: tight,
    holdStdin: true,
    expect: ["TLE"],
  },
  {
    id: "parallel-cpu",
    title: "many processes burning CPU to cheat the wall clock",
    language: "python",
    source: `import os\nfor _ in range(7):\n    if os.fork() == 0: break\nwhile True: pass\n`,
    limits: { cpuMs: 1000, wallMs: 20_000 },
    expect: ["TLE"],
    maxWallMs: 5000,
  },
  {
    id: "memory-bomb",
    title: "memory bomb",
    language: "c",
    source: `#include <stdlib.h>\n#include <string.h>\nint main(void){for(;;){char*p=malloc(1<<20);if(!p)return 3;memset(p,1,1<<20);}}\n`,
    limits: { memoryMb: 64, cpuMs: 5000, wallMs: 10_000 },
    expect: ["MLE"],
  },
  {
    id: "python-memory-bomb",
    title: "memory bomb (Python)",
    language: "python",
    source: `a = []\nwhile True:\n    a.append(bytearray(1 << 24))\n`,
    limits: { memoryMb: 64, cpuMs: 5000, wallMs: 10_000 },
    expect: ["MLE"],
  },
  {
    id: "stdout-flood",
    title: "stdout flood",
    language: "c",
    source: `#include <stdio.h>\nint main(void){for(;;)fputs("flood flood flood flood flood flood flood\\n",stdout);}\n`,
    limits: { outputBytes: 1 << 20, cpuMs: 5000, wallMs: 10_000 },
    expect: ["OLE"],
  },
  {
    id: "stderr-flood",
    title: "stderr flood",
    language: "python",
    source: `import sys\nwhile True:\n    sys.stderr.write("x" * 65536)\n`,
    limits: { outputBytes: 1 << 20, cpuMs: 5000, wallMs: 10_000 },
    expect: ["OLE"],
  },
  {
    id: "disk-fill",
    title: "filling every writable place",
    language: "python",
    source: PROBE_SOURCES.diskFill,
    limits: { cpuMs: 10_000, wallMs: 20_000, tmpMb: 16, memoryMb: 256 },
    expect: ["OK"],
    expectBlocked: ["/tmp", "/dev/shm", "/box", "/"],
  },
  {
    id: "file-size",
    title: "one huge file",
    language: "c",
    source: `#include <stdio.h>\nint main(void){FILE*f=fopen("/tmp/big","w");char b[65536]={0};for(;;)fwrite(b,1,sizeof b,f);}\n`,
    limits: { fileSizeBytes: 1 << 20, cpuMs: 5000, wallMs: 10_000 },
    expect: ["OLE"],
  },
  {
    id: "rootfs-write",
    title: "writing to the root filesystem",
    language: "python",
    source: PROBE_SOURCES.rootfsWrite,
    expect: ["OK"],
    expectBlocked: ["/etc/passwd", "/usr/bin/python3", "/new-file", "/opt/arbiter/supervisor", "/proc/sys/kernel/hostname", "/sys/fs/cgroup"],
  },
  {
    id: "fd-exhaustion",
    title: "file descriptor exhaustion",
    language: "python",
    source: `import os\nfds = []\ntry:\n    while True: fds.append(os.open("/dev/null", os.O_RDONLY))\nexcept OSError as e:\n    print("fds opened", len(fds), e.strerror)\nprint("fd-limit: blocked" if len(fds) < 100 else "fd-limit: ESCAPED")\n`,
    limits: { openFiles: 64 },
    expect: ["OK"],
    expectBlocked: ["fd-limit"],
  },
  {
    id: "kill-all",
    title: "kill(-1, SIGKILL)",
    language: "c",
    source: `#include <signal.h>\n#include <stdio.h>\nint main(void){kill(-1,SIGKILL);kill(1,SIGKILL);kill(1,SIGTERM);puts("survived");return 0;}\n`,
    expect: ["OK"],
    stdoutIncludes: ["survived"],
  },
  {
    id: "host-processes",
    title: "seeing and signalling host processes",
    language: "python",
    source: PROBE_SOURCES.hostProcesses,
    expect: ["OK"],
    expectBlocked: ["process-list", "signal-pid-1", "proc-1-mem", "host-pid"],
  },
  {
    id: "network",
    title: "network: TCP, UDP, DNS, app/database/Redis ports, Docker socket",
    language: "python",
    source: PROBE_SOURCES.network,
    limits: { wallMs: 10_000 },
    expect: ["OK"],
    expectBlocked: ["tcp 127.0.0.1:3000", "tcp 127.0.0.1:5432", "tcp 127.0.0.1:6379", "tcp 172.17.0.1:2375", "tcp 10.0.0.1:80", "udp 8.8.8.8:53", "dns", "docker.sock", "interfaces"],
  },
  {
    id: "host-files",
    title: "reading host files, the app, its database and secrets",
    language: "python",
    source: PROBE_SOURCES.hostFiles,
    expect: ["OK"],
    expectBlocked: ["/etc/shadow", "app files", "database", "environment", "host env of pid 1", "root home"],
    mustNotLeak: [HOST_CANARY_ENV],
  },
  {
    id: "privileged-syscalls",
    title: "setuid, unshare, mount, ptrace, bpf, keyctl, mknod, io_uring",
    language: "c",
    source: PROBE_SOURCES.syscalls,
    expect: ["OK"],
    expectBlocked: ["setuid", "unshare", "mount", "ptrace", "bpf", "keyctl", "mknod", "io_uring", "chroot", "clone-newuser"],
  },
  {
    id: "forged-result",
    title: "forging a result through stdout and inherited descriptors",
    language: "python",
    source: PROBE_SOURCES.forgeResult,
    expect: ["RE"],
    expectBlocked: ["inherited-fds", "write-fd-3"],
    stdoutIncludes: ["outcome=exited"],
  },
  {
    id: "bad-bytes",
    title: "invalid UTF-8 and NUL bytes in output",
    language: "python",
    source: `import sys\nsys.stdout.buffer.write(b"a\\x00b\\xff\\xfec\\n")\n`,
    expect: ["OK"],
    stdoutIncludes: ["a\u0000b\ufffd\ufffdc\n"],
  },
  {
    id: "include-shadow",
    title: "compile-time #include \"/etc/shadow\"",
    language: "c",
    source: `#include "/etc/shadow"\nint main(void){return 0;}\n`,
    expect: ["CE"],
  },
  {
    id: "include-dev-zero",
    title: "compile-time #include \"/dev/zero\"",
    language: "c",
    source: `#include "/dev/zero"\nint main(void){return 0;}\n`,
    expect: ["CE"],
  },
  {
    id: "template-bomb",
    title: "compile-time template bomb",
    language: "cpp",
    source: `template<int N> struct F { static const long v = F<N-1>::v + F<N-2>::v; };\ntemplate<> struct F<1>{static const long v=1;};\ntemplate<> struct F<0>{static const long v=1;};\nint main(){ return (int)F<100000>::v; }\n`,
    expect: ["CE"],
  },
  {
    id: "constexpr-bomb",
    title: "compile-time endless constant evaluation",
    language: "cpp",
    source: `constexpr unsigned long spin(){ unsigned long s = 0; for (unsigned i = 0; i < 200000; i++) for (unsigned j = 0; j < 200000; j++) s += i ^ j; return s; }\nconstexpr unsigned long v = spin();\nint main(){ return (int)(v & 1); }\n`,
    expect: ["CE"],
  },

];
