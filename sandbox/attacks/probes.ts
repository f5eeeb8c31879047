/**
 * Sources of the attack programs that probe many things at once. Each prints one line per
 * probe: `<name>: blocked (...)` or `<name>: ESCAPED (...)`.
 *
 * Network probes never send a packet to a non-loopback address: a UDP `connect` only asks the
 * kernel for a route, which is exactly what must not exist.
 */

const PY_PROBE = `
def probe(name, fn):
    try:
        detail = fn()
    except Exception as e:
        print(f"{name}: blocked ({type(e).__name__}: {getattr(e, 'strerror', None) or e})", flush=True)
        return
    if isinstance(detail, str) and detail.startswith("blocked"):
        print(f"{name}: {detail}", flush=True)
    else:
        print(f"{name}: ESCAPED ({detail})", flush=True)
`;

const diskFill = `import os, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
${PY_PROBE}
def fill(place):
    total = 0
    chunk = b"\\0" * (1 << 20)
    for n in range(4096):
        path = os.path.join(place, f"fill-{n}")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            for _ in range(8):
                total += os.write(fd, chunk)
        except OSError as e:
            if e.errno == 27:  # EFBIG: the file size limit; go on with another file
                continue
            return f"blocked (after {total >> 20} MiB: {e.strerror})"
        finally:
            os.close(fd)
        if total > (1 << 30):
            return f"wrote {total >> 20} MiB"
    return f"wrote {total >> 20} MiB"
for place in ["/tmp", "/dev/shm", "/box", "/"]:
    probe(place, lambda: fill(place))
`;

const rootfsWrite = `import os
${PY_PROBE}
def write(path):
    with open(path, "a") as f:
        f.write("x")
    return "written"
for path in ["/etc/passwd", "/usr/bin/python3", "/new-file", "/opt/arbiter/supervisor", "/proc/sys/kernel/hostname"]:
    probe(path, lambda: write(path))
def cgroup():
    if not os.path.exists("/sys/fs/cgroup"):
        return "blocked (not mounted)"
    try:
        os.mkdir("/sys/fs/cgroup/escape")
        return "mkdir succeeded"
    except OSError:
        pass
    for root, dirs, files in os.walk("/sys/fs/cgroup"):
        for name in files:
            try:
                with open(os.path.join(root, name), "w") as f:
                    f.write("1")
                return f"wrote {os.path.join(root, name)}"
            except OSError:
                pass
    return "blocked (read-only)"
probe("/sys/fs/cgroup", cgroup)
`;

const hostProcesses = `import os, signal, time
${PY_PROBE}
def process_list():
    pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
    others = [p for p in pids if p not in (1, os.getpid())]
    return f"blocked (visible: {pids})" if not others else f"visible: {pids}"
probe("process-list", process_list)
def signal_pid_1():
    for sig in (signal.SIGSTOP, signal.SIGKILL, signal.SIGTERM):
        try:
            os.kill(1, sig)
        except OSError:
            pass
    time.sleep(0.2)
    state = open("/proc/1/stat").read().rsplit(")", 1)[1].split()[0]
    return f"blocked (PID 1 still running, state {state})" if state in ("S", "R") else f"PID 1 state {state}"
probe("signal-pid-1", signal_pid_1)
def proc_1_mem():
    with open("/proc/1/mem", "rb") as f:
        f.seek(0x400000)
        return f"read {len(f.read(16))} bytes"
probe("proc-1-mem", proc_1_mem)
def host_pid():
    cmdline = open("/proc/1/cmdline", "rb").read()
    return "blocked (PID 1 is the supervisor)" if b"supervisor" in cmdline else f"PID 1 is {cmdline!r}"
probe("host-pid", host_pid)
`;

const network = `import os, socket
${PY_PROBE}
def tcp(host, port):
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect((host, port))
        return "connected"
    finally:
        s.close()
def route(host):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect((host, 53))  # route lookup only: no packet is sent
        return f"route exists via {s.getsockname()[0]}"
    finally:
        s.close()
for port in (3000, 5432, 6379):
    probe(f"tcp 127.0.0.1:{port}", lambda: tcp("127.0.0.1", port))
probe("tcp 172.17.0.1:2375", lambda: route("172.17.0.1"))
probe("tcp 10.0.0.1:80", lambda: route("10.0.0.1"))
probe("udp 8.8.8.8:53", lambda: route("8.8.8.8"))
def dns():
    servers = []
    try:
        servers = [l.split()[1] for l in open("/etc/resolv.conf") if l.startswith("nameserver")]
    except OSError:
        pass
    for server in servers:
        if not server.startswith("127."):
            route(server)
    return "blocked (no route to any nameserver)"
probe("dns", dns)
def docker_sock():
    for path in ("/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock"):
        if os.path.exists(path):
            return f"{path} exists"
    return "blocked (absent)"
probe("docker.sock", docker_sock)
def interfaces():
    names = [name for _, name in socket.if_nameindex()]
    return f"blocked (only {names})" if names == ["lo"] else f"interfaces {names}"
probe("interfaces", interfaces)
`;

const hostFiles = `import os
${PY_PROBE}
probe("/etc/shadow", lambda: open("/etc/shadow").read(10))
def app_files():
    for path in ("/work", "/app", "/srv", "/home", "/var/lib/arbiter", "/etc/arbiter"):
        if os.path.exists(path) and os.listdir(path):
            return f"{path} is visible"
    return "blocked (absent)"
probe("app files", app_files)
def database():
    for path in ("/var/run/postgresql", "/var/lib/postgresql", "/data/arbiter.db", "/var/run/redis"):
        if os.path.exists(path):
            return f"{path} is visible"
    return "blocked (absent)"
probe("database", database)
def environment():
    suspicious = [k for k in os.environ if k not in ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "PWD") and not k.startswith(("PYTHON", "OPENBLAS"))]
    return f"blocked (only {sorted(os.environ)})" if not suspicious else f"unexpected variables {suspicious}"
probe("environment", environment)
probe("host env of pid 1", lambda: open("/proc/1/environ", "rb").read())
def root_home():
    return f"/root has {os.listdir('/root')}" if os.path.isdir("/root") and os.listdir("/root") else "blocked (empty or absent)"
probe("root home", root_home)
print("environ:", sorted(os.environ))
`;

const syscalls = String.raw`#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static long f_setuid(void) { return setuid(0); }
static long f_unshare(void) { return unshare(CLONE_NEWUSER); }
static long f_mount(void) { return mount("none", "/tmp", "tmpfs", 0, NULL); }
static long f_ptrace(void) { return ptrace(PTRACE_ATTACH, 1, 0, 0); }
static long f_bpf(void) { return syscall(SYS_bpf, 0, NULL, 0); }
static long f_keyctl(void) { return syscall(SYS_keyctl, 0, 0, 0, 0, 0); }
static long f_mknod(void) { return mknod("/tmp/null", S_IFCHR | 0666, makedev(1, 3)); }
static long f_io_uring(void) { char p[120]; memset(p, 0, sizeof p); return syscall(SYS_io_uring_setup, 1, p); }
static long f_chroot(void) { return chroot("/tmp"); }
static long f_clone_newuser(void) {
  long r = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  if (r == 0) _exit(0);
  return r;
}

static void probe(const char *name, long (*fn)(void)) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    errno = 0;
    long r = fn();
    _exit(r >= 0 ? 0 : 100 + (errno % 100));
  }
  int status;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) printf("%s: blocked (killed by signal %d)\n", name, WTERMSIG(status));
  else if (WEXITSTATUS(status) == 0) printf("%s: ESCAPED (succeeded)\n", name);
  else printf("%s: blocked (%s)\n", name, strerror(WEXITSTATUS(status) - 100));
}

int main(void) {
  probe("setuid", f_setuid);
  probe("unshare", f_unshare);
  probe("mount", f_mount);
  probe("ptrace", f_ptrace);
  probe("bpf", f_bpf);
  probe("keyctl", f_keyctl);
  probe("mknod", f_mknod);
  probe("io_uring", f_io_uring);
  probe("chroot", f_chroot);
  probe("clone-newuser", f_clone_newuser);
  return 0;
}
`;

const forgeResult = `import os, struct, sys
${PY_PROBE}
def inherited():
    extra = []
    for fd in range(3, 1024):
        try:
            os.fstat(fd)
            extra.append(fd)
        except OSError:
            pass
    return f"blocked (only 0, 1, 2)" if not extra else f"inherited {extra}"
probe("inherited-fds", inherited)
payload = b"outcome=exited\\nexit_code=0\\nsignal=0\\ncpu_ms=1\\nwall_ms=1\\nmax_rss_kb=1\\noutput_bytes=0\\ntruncated=0\\nmessage=forged\\n"
frame = b"X" + struct.pack("<I", len(payload)) + payload
probe("write-fd-3", lambda: os.write(3, frame))
sys.stdout.flush()
os.write(1, frame)
os.write(2, frame)
sys.exit(3)
`;

export const PROBE_SOURCES = { diskFill, rootfsWrite, hostProcesses, network, hostFiles, syscalls, forgeResult };
