/* Arbiter sandbox supervisor: PID 1 of a sandbox, runs one program at a time.
 * Protocol: PROTOCOL.md next to this file. Build:
 *   npm run build:supervisor  (gcc -O2 -static -Wall -Wextra -Werror, all .c files here)
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include "seccomp.h"

#define PROTOCOL_VERSION 1
#define SUP_UID 1000
#define MAX_IN_PAYLOAD (1u << 20)          /* host -> supervisor */
#define MAX_OUT_CHUNK 65536u               /* supervisor -> host output chunk */
#define MAX_STDIN_PENDING (64u << 20)      /* buffered stdin for the program */
#define MAX_DEFERRED (8u << 20)            /* W/C frames queued during a run */
#define OUTQ_HIGH (1u << 20)               /* stop reading program output above this */
#define CLEAN_MAX_DEPTH 64
#define CPU_CHECK_MS 10

/* ------------------------------------------------------------------------------------ */
/* small helpers */

static int g_single; /* uids=single */

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void diag(const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n > sizeof buf - 2) n = (int)sizeof buf - 2;
    buf[n++] = '\n';
    ssize_t r;
    do r = write(2, buf, (size_t)n);
    while (r < 0 && errno == EINTR);
}

typedef struct {
    char *data;
    size_t off, len, cap; /* valid bytes are data[off..len) */
} buf_t;

static size_t buf_pending(const buf_t *b) { return b->len - b->off; }

static void buf_reset(buf_t *b) {
    free(b->data);
    b->data = NULL;
    b->off = b->len = b->cap = 0;
}

static _Noreturn void die_oom(void);

static void buf_reserve(buf_t *b, size_t extra) {
    if (b->off > 0 && (b->off >= b->cap / 2 || b->len + extra > b->cap)) {
        memmove(b->data, b->data + b->off, b->len - b->off);
        b->len -= b->off;
        b->off = 0;
    }
    if (b->len + extra <= b->cap) return;
    size_t nc = b->cap ? b->cap : 4096;
    while (nc < b->len + extra) nc *= 2;
    char *p = realloc(b->data, nc);
    if (!p) die_oom();
    b->data = p;
    b->cap = nc;
}

static void buf_append(buf_t *b, const void *p, size_t n) {
    if (n == 0) return;
    buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void buf_consume(buf_t *b, size_t n) {
    b->off += n;
    if (b->off >= b->len) {
        b->off = b->len = 0;
        /* give big buffers back: a forked child's RSS (and so max_rss_kb) starts as ours */
        if (b->cap > (256u << 10)) buf_reset(b);
    }
}

/* text builder for key=value payloads */
typedef struct {
    char buf[65536];
    size_t len;
} text_t;

static void text_add(text_t *t, const char *key, const char *fmt, ...) {
    char val[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(val, sizeof val, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof val) n = (int)sizeof val - 1;
    for (int i = 0; i < n; i++)
        if (val[i] == '\n' || val[i] == '\r' || val[i] == '\0') val[i] = ' ';
    size_t kl = strlen(key);
    if (t->len + kl + 2 + (size_t)n + 1 > sizeof t->buf) return;
    if (t->len) t->buf[t->len++] = '\n';
    memcpy(t->buf + t->len, key, kl);
    t->len += kl;
    t->buf[t->len++] = '=';
    memcpy(t->buf + t->len, val, (size_t)n);
    t->len += (size_t)n;
}

/* strict unsigned decimal */
static int parse_u64(const char *s, uint64_t max, uint64_t *out) {
    if (!*s || strlen(s) > 19) return -1;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (v > max) return -1;
    *out = v;
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* output to the host: a non-blocking queue on fd 1 */

static buf_t outq;
static void kill_everything(void);

static _Noreturn void host_gone(void) {
    diag("supervisor: host stream closed (%s); exiting", strerror(errno));
    kill_everything();
    _exit(1);
}

static void flush_out(void) {
    while (buf_pending(&outq)) {
        ssize_t w = write(1, outq.data + outq.off, buf_pending(&outq));
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            host_gone();
        }
        buf_consume(&outq, (size_t)w);
    }
}

static void flush_out_blocking(void) {
    while (buf_pending(&outq)) {
        flush_out();
        if (!buf_pending(&outq)) break;
        struct pollfd p = {.fd = 1, .events = POLLOUT};
        if (poll(&p, 1, -1) < 0 && errno != EINTR) host_gone();
    }
}

static void send_frame(char type, const void *payload, size_t len) {
    unsigned char hdr[5];
    hdr[0] = (unsigned char)type;
    hdr[1] = (unsigned char)(len & 0xff);
    hdr[2] = (unsigned char)((len >> 8) & 0xff);
    hdr[3] = (unsigned char)((len >> 16) & 0xff);
    hdr[4] = (unsigned char)((len >> 24) & 0xff);
    buf_append(&outq, hdr, 5);
    buf_append(&outq, payload, len);
    flush_out();
}

static void send_text(char type, const text_t *t) { send_frame(type, t->buf, t->len); }

static void send_ack(const char *error) {
    text_t t = {.len = 0};
    if (!error) {
        text_add(&t, "ok", "1");
    } else {
        text_add(&t, "ok", "0");
        text_add(&t, "error", "%s", error);
    }
    send_text('A', &t);
}

static _Noreturn void fatal(const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag("supervisor: fatal: %s", msg);
    kill_everything();
    send_frame('F', msg, strlen(msg));
    int fl = fcntl(1, F_GETFL);
    if (fl >= 0) fcntl(1, F_SETFL, fl & ~O_NONBLOCK);
    flush_out_blocking();
    _exit(2);
}

static _Noreturn void die_oom(void) {
    /* no allocation here: send F directly */
    static const char msg[] = "out of memory";
    unsigned char hdr[5] = {'F', sizeof msg - 1, 0, 0, 0};
    diag("supervisor: out of memory");
    kill(-1, SIGKILL);
    (void)!write(1, hdr, 5);
    (void)!write(1, msg, sizeof msg - 1);
    _exit(2);
}

/* ------------------------------------------------------------------------------------ */
/* SIGCHLD self-pipe */

static int sigpipe_fds[2] = {-1, -1};

static void on_sigchld(int sig) {
    (void)sig;
    int e = errno;
    ssize_t r = write(sigpipe_fds[1], "c", 1);
    (void)r;
    errno = e;
}

/* ------------------------------------------------------------------------------------ */
/* capabilities */

static int capset_raw(uint64_t eff, uint64_t perm, uint64_t inh) {
    struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct d[2];
    d[0].effective = (uint32_t)eff;
    d[1].effective = (uint32_t)(eff >> 32);
    d[0].permitted = (uint32_t)perm;
    d[1].permitted = (uint32_t)(perm >> 32);
    d[0].inheritable = (uint32_t)inh;
    d[1].inheritable = (uint32_t)(inh >> 32);
    return (int)syscall(SYS_capset, &h, d);
}

static int capget_raw(uint64_t *eff, uint64_t *perm, uint64_t *inh) {
    struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct d[2];
    if (syscall(SYS_capget, &h, d) != 0) return -1;
    *eff = d[0].effective | ((uint64_t)d[1].effective << 32);
    *perm = d[0].permitted | ((uint64_t)d[1].permitted << 32);
    *inh = d[0].inheritable | ((uint64_t)d[1].inheritable << 32);
    return 0;
}

#define KEEP_CAPS ((1ull << CAP_SETUID) | (1ull << CAP_SETGID) | (1ull << CAP_KILL))

static void setup_privileges(void) {
    if (geteuid() != 0) {
        g_single = 1;
        if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) fatal("prctl(PR_SET_DUMPABLE): %s", strerror(errno));
        return;
    }
    for (int cap = 0; cap < 64; cap++) {
        int r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
        if (r < 0) break; /* past the last capability */
        if (r == 1 && !(KEEP_CAPS & (1ull << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
            fatal("cannot drop capability %d from the bounding set: %s", cap, strerror(errno));
    }
#ifdef PR_CAP_AMBIENT
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
#endif
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) fatal("PR_SET_KEEPCAPS: %s", strerror(errno));
    if (setgroups(0, NULL) != 0) fatal("setgroups: %s", strerror(errno));
    if (setresgid(SUP_UID, SUP_UID, SUP_UID) != 0) fatal("setresgid: %s", strerror(errno));
    if (setresuid(SUP_UID, SUP_UID, SUP_UID) != 0) fatal("setresuid: %s", strerror(errno));
    if (capset_raw(KEEP_CAPS, KEEP_CAPS, 0) != 0) fatal("capset: %s", strerror(errno));
    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) fatal("PR_SET_DUMPABLE: %s", strerror(errno));
    uint64_t e, p, i;
    uid_t ru, eu, su;
    if (capget_raw(&e, &p, &i) != 0 || e != KEEP_CAPS || p != KEEP_CAPS || i != 0)
        fatal("unexpected capabilities after the switch to uid %d", SUP_UID);
    if (getresuid(&ru, &eu, &su) != 0 || ru != SUP_UID || eu != SUP_UID || su != SUP_UID)
        fatal("uid switch did not stick");
}

/* In a forked child: become uid/gid `uid` with no supplementary groups and no
 * capabilities at all. Returns 0 or an errno; *what names the failing step. */
static int become_user(unsigned uid, const char **what) {
    if (!g_single) {
        *what = "prctl(PR_SET_KEEPCAPS)";
        if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) return errno;
        *what = "setgroups";
        if (setgroups(0, NULL) != 0) return errno;
        *what = "setresgid";
        if (setresgid(uid, uid, uid) != 0) return errno;
        *what = "setresuid";
        if (setresuid(uid, uid, uid) != 0) return errno;
    }
    /* our uids were never 0, so the uid change alone keeps the permitted set: clear it */
    *what = "capset";
    if (capset_raw(0, 0, 0) != 0) return errno;
    uint64_t e, p, i;
    *what = "capget";
    if (capget_raw(&e, &p, &i) != 0) return errno;
    if (e | p | i) return EPERM;
#ifdef PR_CAP_AMBIENT
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
#endif
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* kill everything else in the PID namespace */

static void note_reaped(pid_t pid, int status, const struct rusage *ru);

static void kill_everything(void) {
    for (;;) {
        kill(-1, SIGKILL);
        int st;
        struct rusage ru;
        pid_t p = wait4(-1, &st, 0, &ru);
        if (p < 0) {
            if (errno == EINTR) continue;
            break; /* ECHILD: nobody left */
        }
        note_reaped(p, st, &ru);
    }
}

/* ------------------------------------------------------------------------------------ */
/* runs */

enum kill_reason { KR_NONE, KR_OUTPUT, KR_CPU, KR_WALL, KR_CANCEL };

typedef struct {
    char *payload; /* owned copy, NUL-separated */
    char **argv;
    size_t argc;
    char **envp;
    size_t envc;
    const char *cwd;
    unsigned uid;
    uint64_t cpu_ms, wall_ms, output_bytes, fsize_bytes, nofile, stack_bytes, procs, data_bytes;
    const char *stdin_file;
    const char *cpu_usage_file;
} runreq_t;

struct run {
    int active;
    runreq_t req;
    pid_t pid;
    int out_fd, err_fd, in_fd, errpipe_fd, cpu_fd;
    buf_t stdin_pending;
    int stdin_eof;
    uint64_t t0, t_end, deadline, next_cpu_check;
    uint64_t cpu_base_ns;
    struct rusage ru0;
    int main_reaped, status;
    long maxrss;
    enum kill_reason kill_reason;
    uint64_t out_total, forwarded;
    int truncated;
    char errmsg[1024];
    size_t errmsg_len;
};

static struct run run;

static void note_reaped(pid_t pid, int status, const struct rusage *ru) {
    if (!run.active) return;
    if (ru->ru_maxrss > run.maxrss) run.maxrss = ru->ru_maxrss;
    if (pid == run.pid && !run.main_reaped) {
        run.main_reaped = 1;
        run.status = status;
        if (!run.t_end) run.t_end = now_ns();
    }
}

static void reap_nohang(void) {
    for (;;) {
        int st;
        struct rusage ru;
        pid_t p = wait4(-1, &st, WNOHANG, &ru);
        if (p < 0 && errno == EINTR) continue;
        if (p <= 0) return;
        note_reaped(p, st, &ru);
    }
}

static void free_req(runreq_t *r) {
    free(r->payload);
    free(r->argv);
    free(r->envp);
    memset(r, 0, sizeof *r);
}

/* parse an R payload; on error returns a message (static or in errbuf) */
static const char *parse_run(const char *payload, size_t len, runreq_t *r, char *errbuf, size_t errlen) {
    memset(r, 0, sizeof *r);
    r->cwd = "/box";
    r->uid = 1002;
    r->cpu_ms = 2000;
    r->wall_ms = 5000;
    r->output_bytes = 16777216;
    r->fsize_bytes = 16777216;
    r->nofile = 64;
    r->stack_bytes = 67108864;
    r->procs = 0;
    r->data_bytes = 0;
    if (memchr(payload, '\0', len)) return "NUL byte in run request";
    r->payload = malloc(len + 1);
    if (!r->payload) die_oom();
    memcpy(r->payload, payload, len);
    r->payload[len] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        if (payload[i] == '\n') lines++;
    r->argv = calloc(lines + 1, sizeof(char *));
    r->envp = calloc(lines + 1, sizeof(char *));
    if (!r->argv || !r->envp) die_oom();
    char *p = r->payload;
    while (p) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        char *line = p;
        p = nl ? nl + 1 : NULL;
        if (!*line) continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            snprintf(errbuf, errlen, "malformed line in run request: %.100s", line);
            return errbuf;
        }
        *eq = '\0';
        const char *k = line, *v = eq + 1;
        uint64_t n;
#define NUM(name, field, max)                                                      \
    else if (!strcmp(k, name)) {                                                   \
        if (parse_u64(v, (max), &n)) {                                             \
            snprintf(errbuf, errlen, "invalid %s: %.50s", name, v);                \
            return errbuf;                                                         \
        }                                                                          \
        r->field = n;                                                              \
    }
        if (!strcmp(k, "arg")) r->argv[r->argc++] = (char *)v;
        else if (!strcmp(k, "env")) {
            if (!strchr(v, '=') || v[0] == '=') {
                snprintf(errbuf, errlen, "invalid env entry: %.100s", v);
                return errbuf;
            }
            r->envp[r->envc++] = (char *)v;
        } else if (!strcmp(k, "cwd")) r->cwd = v;
        else if (!strcmp(k, "stdin_file")) r->stdin_file = v;
        else if (!strcmp(k, "cpu_usage_file")) r->cpu_usage_file = v;
        else if (!strcmp(k, "uid")) {
            if (parse_u64(v, 65535, &n) || (n != 1001 && n != 1002)) return "uid must be 1001 or 1002";
            r->uid = (unsigned)n;
        }
        NUM("cpu_ms", cpu_ms, 86400000ull)
        NUM("wall_ms", wall_ms, 86400000ull)
        NUM("output_bytes", output_bytes, 1ull << 40)
        NUM("fsize_bytes", fsize_bytes, 1ull << 50)
        NUM("nofile", nofile, 1ull << 20)
        NUM("stack_bytes", stack_bytes, 1ull << 40)
        NUM("procs", procs, 1ull << 22)
        NUM("data_bytes", data_bytes, 1ull << 44)
        else {
            snprintf(errbuf, errlen, "unknown run key: %.50s", k);
            return errbuf;
        }
#undef NUM
    }
    if (r->argc == 0 || !r->argv[0][0]) return "run request without arg";
    if (r->cwd[0] != '/') return "cwd must be an absolute path";
    if (r->stdin_file && r->stdin_file[0] != '/') return "stdin_file must be an absolute path";
    if (r->nofile < 3) return "nofile must be at least 3";
    return NULL;
}

/* ---- the child side of a run (after fork, before exec) ---- */

static _Noreturn void child_fail(int errfd, const char *what, int err) {
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s: %s", what, strerror(err));
    if (n > 0) {
        ssize_t w = write(errfd, buf, (size_t)(n < (int)sizeof buf ? n : (int)sizeof buf - 1));
        (void)w;
    }
    _exit(127);
}

static int set_limit(int res, uint64_t soft, uint64_t hard) {
    struct rlimit cur;
    if (getrlimit(res, &cur) != 0) return errno;
    rlim_t h = (rlim_t)hard, s = (rlim_t)soft;
    if (cur.rlim_max != RLIM_INFINITY && h > cur.rlim_max) h = cur.rlim_max;
    if (s > h) s = h;
    struct rlimit nl = {.rlim_cur = s, .rlim_max = h};
    return setrlimit(res, &nl) == 0 ? 0 : errno;
}

static const char *env_lookup(char **envp, const char *name) {
    size_t n = strlen(name);
    for (char **e = envp; *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=') return *e + n + 1;
    return NULL;
}

static void close_fds_above_2_except(int keep) {
    if (syscall(SYS_close_range, 3u, (unsigned)keep - 1, 0u) == 0 &&
        syscall(SYS_close_range, (unsigned)keep + 1, ~0u, 0u) == 0)
        return;
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 1 << 20) max = 1 << 20;
    for (int fd = 3; fd < max; fd++)
        if (fd != keep) close(fd);
}

static _Noreturn void run_child(const runreq_t *r, int in_r, int out_w, int err_w, int errfd) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* ignored signals stay ignored across execve: give the program default dispositions */
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
    umask(022);
    if (setsid() < 0) child_fail(errfd, "setsid", errno);

    if (in_r >= 0 && dup2(in_r, 0) < 0) child_fail(errfd, "dup2", errno);
    if (dup2(out_w, 1) < 0 || dup2(err_w, 2) < 0) child_fail(errfd, "dup2", errno);

    /* /proc/self is root-owned while we are not dumpable: become dumpable for the write
     * (the uid switch below and execve reset it) */
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd < 0) child_fail(errfd, "open /proc/self/oom_score_adj", errno);
    if (write(fd, "1000", 4) != 4) child_fail(errfd, "write oom_score_adj", errno);
    close(fd);

    const char *what = "";
    int e = become_user(r->uid, &what);
    if (e) child_fail(errfd, what, e);
    /* the credential change cleared the parent-death signal: set it now */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) child_fail(errfd, "PR_SET_PDEATHSIG", errno);
    if (getppid() != 1) _exit(127);

    uint64_t cpu_s = (r->cpu_ms + 999) / 1000;
    if (cpu_s == 0) cpu_s = 1;
    if ((e = set_limit(RLIMIT_CPU, cpu_s, cpu_s + 1))) child_fail(errfd, "setrlimit(RLIMIT_CPU)", e);
    if ((e = set_limit(RLIMIT_FSIZE, r->fsize_bytes, r->fsize_bytes))) child_fail(errfd, "setrlimit(RLIMIT_FSIZE)", e);
    if ((e = set_limit(RLIMIT_NOFILE, r->nofile, r->nofile))) child_fail(errfd, "setrlimit(RLIMIT_NOFILE)", e);
    if (r->stack_bytes && (e = set_limit(RLIMIT_STACK, r->stack_bytes, r->stack_bytes)))
        child_fail(errfd, "setrlimit(RLIMIT_STACK)", e);
    if (r->procs && (e = set_limit(RLIMIT_NPROC, r->procs, r->procs))) child_fail(errfd, "setrlimit(RLIMIT_NPROC)", e);
    /* Memory without a cgroup: RLIMIT_DATA counts what a process really maps writable (not the
       PROT_NONE reservations runtimes like V8 make, which RLIMIT_AS would count). */
    if (r->data_bytes && (e = set_limit(RLIMIT_DATA, r->data_bytes, r->data_bytes))) child_fail(errfd, "setrlimit(RLIMIT_DATA)", e);
    if ((e = set_limit(RLIMIT_CORE, 0, 0))) child_fail(errfd, "setrlimit(RLIMIT_CORE)", e);

    if (r->stdin_file) {
        /* as the run's uid; O_NONBLOCK so that a fifo cannot hang us here */
        int sfd = open(r->stdin_file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (sfd < 0) child_fail(errfd, "open stdin_file", errno);
        int fl = fcntl(sfd, F_GETFL);
        if (fl >= 0) fcntl(sfd, F_SETFL, fl & ~O_NONBLOCK);
        if (dup2(sfd, 0) < 0) child_fail(errfd, "dup2", errno);
    }
    if (chdir(r->cwd) != 0) {
        char what2[300];
        snprintf(what2, sizeof what2, "chdir %.250s", r->cwd);
        child_fail(errfd, what2, errno);
    }
    close_fds_above_2_except(errfd);

    if ((e = arbiter_seccomp_install())) child_fail(errfd, "seccomp", e);

    const char *file = r->argv[0];
    if (strchr(file, '/')) {
        execve(file, r->argv, r->envp);
        child_fail(errfd, "exec", errno);
    }
    const char *path = env_lookup(r->envp, "PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    int saw_eacces = 0;
    char full[PATH_MAX];
    const char *p = path;
    for (;;) {
        const char *colon = strchr(p, ':');
        size_t dl = colon ? (size_t)(colon - p) : strlen(p);
        int n;
        if (dl == 0) n = snprintf(full, sizeof full, "%s", file);
        else n = snprintf(full, sizeof full, "%.*s/%s", (int)dl, p, file);
        if (n > 0 && (size_t)n < sizeof full) {
            execve(full, r->argv, r->envp);
            switch (errno) {
            case EACCES: saw_eacces = 1; break;
            case ENOENT: case ENOTDIR: case ESTALE: case ELOOP: case ENAMETOOLONG: case ENODEV: case ETIMEDOUT:
                break;
            default: child_fail(errfd, "exec", errno);
            }
        }
        if (!colon) break;
        p = colon + 1;
    }
    child_fail(errfd, "exec", saw_eacces ? EACCES : ENOENT);
}

/* ---- the supervisor side of a run ---- */

static int read_cpu_ns(int fd, uint64_t *ns) {
    char buf[4096];
    ssize_t n;
    do n = pread(fd, buf, sizeof buf - 1, 0);
    while (n < 0 && errno == EINTR);
    if (n <= 0) return -1;
    buf[n] = '\0';
    char *u = strstr(buf, "usage_usec ");
    if (u) {
        char *end;
        unsigned long long v = strtoull(u + 11, &end, 10);
        if (end == u + 11) return -1;
        *ns = (uint64_t)v * 1000ull;
        return 0;
    }
    char *end;
    unsigned long long v = strtoull(buf, &end, 10);
    if (end == buf) return -1;
    *ns = (uint64_t)v;
    return 0;
}

static uint64_t run_cpu_ms(void) {
    struct rusage ru1;
    getrusage(RUSAGE_CHILDREN, &ru1);
    int64_t us = ((int64_t)ru1.ru_utime.tv_sec - run.ru0.ru_utime.tv_sec) * 1000000 +
                 (ru1.ru_utime.tv_usec - run.ru0.ru_utime.tv_usec) +
                 ((int64_t)ru1.ru_stime.tv_sec - run.ru0.ru_stime.tv_sec) * 1000000 +
                 (ru1.ru_stime.tv_usec - run.ru0.ru_stime.tv_usec);
    if (us < 0) us = 0;
    return (uint64_t)us / 1000;
}

static void emit_result(const char *outcome, const char *message, uint64_t cpu_floor_ms) {
    uint64_t cpu = run_cpu_ms();
    /* killed by the cgroup check: report at least what the cgroup counted, so that the
     * number agrees with the verdict */
    if (cpu < cpu_floor_ms) cpu = cpu_floor_ms;
    int have_status = run.main_reaped && strcmp(outcome, "setup_error") != 0;
    /* a death by RLIMIT_CPU, or a total over the limit, is cpu_limit */
    if (!strcmp(outcome, "signaled") || !strcmp(outcome, "exited")) {
        int sig = WIFSIGNALED(run.status) ? WTERMSIG(run.status) : 0;
        if (((sig == SIGXCPU || sig == SIGKILL) && cpu >= run.req.cpu_ms) || cpu > run.req.cpu_ms) {
            outcome = "cpu_limit";
            message = "CPU time limit exceeded";
        }
    }
    text_t t = {.len = 0};
    text_add(&t, "outcome", "%s", outcome);
    if (have_status && WIFEXITED(run.status)) text_add(&t, "exit_code", "%d", WEXITSTATUS(run.status));
    else text_add(&t, "exit_code", "%s", "");
    if (have_status && WIFSIGNALED(run.status)) text_add(&t, "signal", "%d", WTERMSIG(run.status));
    else text_add(&t, "signal", "%s", "");
    uint64_t end = run.t_end ? run.t_end : now_ns();
    text_add(&t, "cpu_ms", "%" PRIu64, cpu);
    text_add(&t, "wall_ms", "%" PRIu64, (end - run.t0) / 1000000ull);
    text_add(&t, "max_rss_kb", "%ld", run.maxrss);
    text_add(&t, "output_bytes", "%" PRIu64, run.out_total);
    text_add(&t, "truncated", "%d", run.truncated);
    text_add(&t, "message", "%s", message ? message : "");
    send_text('X', &t);
}

static void forward_output(char type, const char *p, size_t n) {
    run.out_total += n;
    if (run.truncated) return;
    uint64_t room = run.req.output_bytes - run.forwarded;
    if ((uint64_t)n > room) {
        n = (size_t)room;
        run.truncated = 1;
        if (run.kill_reason == KR_NONE) run.kill_reason = KR_OUTPUT;
    }
    if (n) send_frame(type, p, n);
    run.forwarded += n;
}

static char iobuf[MAX_OUT_CHUNK];

/* one read from a program pipe; returns 0 on EOF/error (fd closed), 1 otherwise */
static int pump_pipe(int *fdp, char type) {
    ssize_t n = read(*fdp, iobuf, sizeof iobuf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
    if (n <= 0) {
        close(*fdp);
        *fdp = -1;
        return 0;
    }
    forward_output(type, iobuf, (size_t)n);
    return 1;
}

static void close_stdin_pipe(void) {
    if (run.in_fd >= 0) close(run.in_fd);
    run.in_fd = -1;
    buf_reset(&run.stdin_pending);
}

static void pump_stdin(void) {
    while (run.in_fd >= 0 && buf_pending(&run.stdin_pending)) {
        size_t n = buf_pending(&run.stdin_pending);
        if (n > 65536) n = 65536;
        ssize_t w = write(run.in_fd, run.stdin_pending.data + run.stdin_pending.off, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return;
            close_stdin_pipe(); /* EPIPE: the program closed its stdin; drop the rest */
            return;
        }
        buf_consume(&run.stdin_pending, (size_t)w);
    }
    if (run.in_fd >= 0 && run.stdin_eof && !buf_pending(&run.stdin_pending)) close_stdin_pipe();
}

static void read_errpipe(void) {
    while (run.errpipe_fd >= 0) {
        char tmp[512];
        ssize_t n = read(run.errpipe_fd, tmp, sizeof tmp);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return;
        if (n <= 0) {
            close(run.errpipe_fd);
            run.errpipe_fd = -1;
            return;
        }
        size_t room = sizeof run.errmsg - 1 - run.errmsg_len;
        if ((size_t)n > room) n = (ssize_t)room;
        memcpy(run.errmsg + run.errmsg_len, tmp, (size_t)n);
        run.errmsg_len += (size_t)n;
        run.errmsg[run.errmsg_len] = '\0';
    }
}

static void setup_error_now(const char *msg) {
    /* nothing was started */
    text_t t = {.len = 0};
    text_add(&t, "outcome", "setup_error");
    text_add(&t, "exit_code", "%s", "");
    text_add(&t, "signal", "%s", "");
    text_add(&t, "cpu_ms", "0");
    text_add(&t, "wall_ms", "0");
    text_add(&t, "max_rss_kb", "0");
    text_add(&t, "output_bytes", "0");
    text_add(&t, "truncated", "0");
    text_add(&t, "message", "%s", msg);
    send_text('X', &t);
}

static int set_nonblock(int fd) {
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void start_run(const char *payload, size_t len) {
    char errbuf[256];
    runreq_t req;
    const char *err = parse_run(payload, len, &req, errbuf, sizeof errbuf);
    if (err) {
        setup_error_now(err);
        free_req(&req);
        return;
    }
    memset(&run, 0, sizeof run);
    run.req = req;
    run.out_fd = run.err_fd = run.in_fd = run.errpipe_fd = run.cpu_fd = -1;
    if (req.cpu_usage_file) {
        run.cpu_fd = open(req.cpu_usage_file, O_RDONLY | O_CLOEXEC);
        if (run.cpu_fd < 0 || read_cpu_ns(run.cpu_fd, &run.cpu_base_ns) != 0) {
            snprintf(errbuf, sizeof errbuf, "cpu_usage_file: %s", run.cpu_fd < 0 ? strerror(errno) : "unreadable");
            if (run.cpu_fd >= 0) close(run.cpu_fd);
            setup_error_now(errbuf);
            free_req(&run.req);
            return;
        }
    }
    int outp[2], errp[2], inp[2] = {-1, -1}, ep[2];
    if (pipe2(outp, O_CLOEXEC) || pipe2(errp, O_CLOEXEC) || (!req.stdin_file && pipe2(inp, O_CLOEXEC)) ||
        pipe2(ep, O_CLOEXEC))
        fatal("pipe: %s", strerror(errno));
    getrusage(RUSAGE_CHILDREN, &run.ru0);
    run.active = 1;
    run.t0 = now_ns();
    run.deadline = run.t0 + run.req.wall_ms * 1000000ull;
    run.next_cpu_check = run.t0 + CPU_CHECK_MS * 1000000ull;
    pid_t pid = fork();
    if (pid < 0) fatal("fork: %s", strerror(errno));
    if (pid == 0) {
        close(outp[0]);
        close(errp[0]);
        if (inp[1] >= 0) close(inp[1]);
        close(ep[0]);
        run_child(&run.req, inp[0], outp[1], errp[1], ep[1]);
        _exit(127);
    }
    run.pid = pid;
    close(outp[1]);
    close(errp[1]);
    close(ep[1]);
    if (inp[0] >= 0) close(inp[0]);
    run.out_fd = outp[0];
    run.err_fd = errp[0];
    run.in_fd = inp[1];
    run.errpipe_fd = ep[0];
    set_nonblock(run.out_fd);
    set_nonblock(run.err_fd);
    set_nonblock(run.errpipe_fd);
    if (run.in_fd >= 0) set_nonblock(run.in_fd);
}

static void process_deferred(void);

static void drain_fd(int *fdp, char type) {
    uint64_t give_up = now_ns() + 100000000ull;
    while (*fdp >= 0) {
        ssize_t n = read(*fdp, iobuf, sizeof iobuf);
        if (n > 0) {
            forward_output(type, iobuf, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN && now_ns() < give_up) {
            struct pollfd p = {.fd = *fdp, .events = POLLIN};
            poll(&p, 1, 10);
            continue;
        }
        close(*fdp);
        *fdp = -1;
    }
}

static void finish_run(void) {
    if (!run.t_end) run.t_end = now_ns();
    kill_everything();
    /* every writer is gone: drain to EOF. (A write end could in theory outlive its
     * processes in flight in a unix socket; then give up after a short wait.) */
    drain_fd(&run.out_fd, '1');
    drain_fd(&run.err_fd, '2');
    for (int i = 0; i < 20 && run.errpipe_fd >= 0; i++) {
        read_errpipe();
        if (run.errpipe_fd < 0) break;
        struct pollfd p = {.fd = run.errpipe_fd, .events = POLLIN};
        poll(&p, 1, 5);
    }
    if (run.errpipe_fd >= 0) close(run.errpipe_fd);
    run.errpipe_fd = -1;
    close_stdin_pipe();
    uint64_t cpu_floor_ms = 0;
    if (run.cpu_fd >= 0 && run.kill_reason == KR_CPU) {
        uint64_t ns;
        if (read_cpu_ns(run.cpu_fd, &ns) == 0 && ns > run.cpu_base_ns) cpu_floor_ms = (ns - run.cpu_base_ns) / 1000000ull;
    }
    if (run.cpu_fd >= 0) close(run.cpu_fd);
    run.cpu_fd = -1;

    char msg[300];
    const char *outcome;
    const char *message = "";
    switch (run.kill_reason) {
    case KR_CANCEL: outcome = "cancelled"; message = "cancelled"; break;
    case KR_OUTPUT:
        outcome = "output_limit";
        snprintf(msg, sizeof msg, "output limit of %" PRIu64 " bytes exceeded", run.req.output_bytes);
        message = msg;
        break;
    case KR_CPU: outcome = "cpu_limit"; message = "CPU time limit exceeded"; break;
    case KR_WALL:
        outcome = "wall_limit";
        snprintf(msg, sizeof msg, "wall time limit of %" PRIu64 " ms exceeded", run.req.wall_ms);
        message = msg;
        break;
    default:
        if (run.errmsg_len) {
            outcome = "setup_error";
            message = run.errmsg;
        } else if (WIFSIGNALED(run.status)) {
            outcome = "signaled";
        } else {
            outcome = "exited";
        }
    }
    emit_result(outcome, message, cpu_floor_ms);
    free_req(&run.req);
    buf_reset(&run.stdin_pending);
    run.active = 0;
    process_deferred();
}

/* ------------------------------------------------------------------------------------ */
/* W and C: done by a forked helper that switched to the target uid */

typedef struct {
    char first[512];
    unsigned count;
} errs_t;

static void errs_add(errs_t *e, const char *fmt, ...) {
    if (e->count++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->first, sizeof e->first, fmt, ap);
        va_end(ap);
    }
}

/* Walks `path` (absolute) from / with O_NOFOLLOW on every component.
 * parent_only: returns an O_PATH fd of the parent directory and sets *leaf; create: mkdir
 * missing parents (0755). Otherwise returns an O_RDONLY|O_DIRECTORY fd of the path itself.
 * Returns -1 with errno set on failure. */
static int walk(const char *path, int parent_only, int create, char *leafbuf, size_t leaflen) {
    if (path[0] != '/') {
        errno = EINVAL;
        return -1;
    }
    char copy[PATH_MAX];
    if (strlen(path) >= sizeof copy) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(copy, path);
    char *comps[PATH_MAX / 2];
    size_t nc = 0;
    for (char *s = strtok(copy, "/"); s; s = strtok(NULL, "/")) {
        if (!strcmp(s, ".") || !strcmp(s, "..")) {
            errno = EINVAL;
            return -1;
        }
        comps[nc++] = s;
    }
    if (parent_only && nc == 0) {
        errno = EINVAL;
        return -1;
    }
    size_t upto = parent_only ? nc - 1 : nc;
    int dfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return -1;
    for (size_t i = 0; i < upto; i++) {
        int fd = openat(dfd, comps[i], O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT && create) {
            if (mkdirat(dfd, comps[i], 0755) != 0 && errno != EEXIST) {
                int e = errno;
                close(dfd);
                errno = e;
                return -1;
            }
            fd = openat(dfd, comps[i], O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (fd < 0) {
            int e = errno == ELOOP ? ENOTDIR : errno; /* a symlink where a directory is expected */
            close(dfd);
            errno = e;
            return -1;
        }
        close(dfd);
        dfd = fd;
    }
    if (parent_only) {
        snprintf(leafbuf, leaflen, "%s", comps[nc - 1]);
        return dfd;
    }
    int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int e = errno;
    close(dfd);
    errno = e;
    return fd;
}

static int write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* runs fn in a child as uid; returns NULL on success, else the error text (static) */
typedef void (*helper_fn)(void *arg, errs_t *errs);

static const char *run_helper(unsigned uid, helper_fn fn, void *arg) {
    static char result[600];
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        snprintf(result, sizeof result, "pipe: %s", strerror(errno));
        return result;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        snprintf(result, sizeof result, "fork: %s", strerror(errno));
        return result;
    }
    if (pid == 0) {
        close(p[0]);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGCHLD, SIG_DFL);
        errs_t errs = {.count = 0};
        const char *what = "";
        int e = become_user(uid, &what);
        if (e) errs_add(&errs, "%s: %s", what, strerror(e));
        else {
            umask(0);
            fn(arg, &errs);
        }
        if (errs.count) {
            char msg[600];
            int n = errs.count > 1 ? snprintf(msg, sizeof msg, "%s (and %u more errors)", errs.first, errs.count - 1)
                                   : snprintf(msg, sizeof msg, "%s", errs.first);
            if (n > 0) write_all(p[1], msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
            _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    size_t len = 0;
    for (;;) {
        ssize_t n = read(p[0], result + len, sizeof result - 1 - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += (size_t)n;
        if (len >= sizeof result - 1) break;
    }
    result[len] = '\0';
    close(p[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (len) return result;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        snprintf(result, sizeof result, "helper failed (status %d)", st);
        return result;
    }
    return NULL;
}

typedef struct {
    const char *path;
    unsigned mode;
    int append;
    const char *content;
    size_t len;
} wreq_t;

static void do_write_helper(void *arg, errs_t *errs) {
    wreq_t *w = arg;
    char leaf[NAME_MAX + 1];
    int dfd = walk(w->path, 1, 1, leaf, sizeof leaf);
    if (dfd < 0) {
        errs_add(errs, "%s: %s", w->path, strerror(errno));
        return;
    }
    int fd = openat(dfd, leaf, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (w->append ? O_APPEND : 0),
                    w->mode);
    if (fd < 0) {
        errs_add(errs, "%s: %s", w->path, strerror(errno == ELOOP ? EEXIST : errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        errs_add(errs, "%s: not a regular file", w->path);
        return;
    }
    if (!w->append && ftruncate(fd, 0) != 0) {
        errs_add(errs, "%s: truncate: %s", w->path, strerror(errno));
        return;
    }
    if (fchmod(fd, w->mode) != 0) {
        errs_add(errs, "%s: chmod: %s", w->path, strerror(errno));
        return;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    if (write_all(fd, w->content, w->len) != 0 || close(fd) != 0)
        errs_add(errs, "%s: write: %s", w->path, strerror(errno));
}

static void handle_write(const char *payload, size_t len) {
    /* header lines, an empty line, then the content */
    const char *sep = NULL;
    if (len >= 1 && payload[0] == '\n') sep = payload;
    else {
        for (size_t i = 0; i + 1 < len; i++)
            if (payload[i] == '\n' && payload[i + 1] == '\n') {
                sep = payload + i + 1;
                break;
            }
    }
    if (!sep) {
        send_ack("write: missing empty line after the header");
        return;
    }
    size_t hlen = (size_t)(sep - payload);
    char *hdr = malloc(hlen + 1);
    if (!hdr) die_oom();
    memcpy(hdr, payload, hlen);
    hdr[hlen] = '\0';
    wreq_t w = {.path = NULL, .mode = 0644, .append = 0, .content = sep + 1, .len = len - hlen - 1};
    uint64_t uid = 0;
    int have_uid = 0;
    const char *err = NULL;
    static char ebuf[200];
    if (memchr(hdr, '\0', hlen)) err = "write: NUL byte in header";
    for (char *line = strtok(hdr, "\n"); line && !err; line = strtok(NULL, "\n")) {
        char *eq = strchr(line, '=');
        if (!eq) {
            err = "write: malformed header line";
            break;
        }
        *eq = '\0';
        const char *v = eq + 1;
        if (!strcmp(line, "path")) w.path = v;
        else if (!strcmp(line, "mode")) {
            char *end;
            unsigned long m = strtoul(v, &end, 8);
            if (!*v || *end || m > 0777) err = "write: invalid mode";
            w.mode = (unsigned)m;
        } else if (!strcmp(line, "uid")) {
            if (parse_u64(v, 65535, &uid)) err = "write: invalid uid";
            have_uid = 1;
        } else if (!strcmp(line, "append")) {
            if (strcmp(v, "0") && strcmp(v, "1")) err = "write: invalid append";
            w.append = v[0] == '1';
        } else {
            snprintf(ebuf, sizeof ebuf, "write: unknown key %.50s", line);
            err = ebuf;
        }
    }
    if (!err && (!w.path || w.path[0] != '/')) err = "write: path must be absolute";
    if (!err && !have_uid) err = "write: uid missing";
    if (!err && !g_single && uid != 1001 && uid != 1002) err = "write: uid must be 1001 or 1002";
    if (!err) err = run_helper((unsigned)uid, do_write_helper, &w);
    free(hdr);
    send_ack(err);
}

static int open_subdir(int dfd, const char *name) {
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0 || errno != EACCES) return fd;
    /* a directory of ours without r/x: make it accessible through an O_PATH handle */
    int pfd = openat(dfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (pfd < 0) {
        errno = EACCES;
        return -1;
    }
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", pfd);
    int r = chmod(proc, 0700);
    close(pfd);
    if (r != 0) {
        errno = EACCES;
        return -1;
    }
    return openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
}

static void clean_dir(int dfd, const char *where, int depth, errs_t *errs) {
    int dup_fd = fcntl(dfd, F_DUPFD_CLOEXEC, 3);
    if (dup_fd < 0) {
        errs_add(errs, "%s: %s", where, strerror(errno));
        return;
    }
    DIR *d = fdopendir(dup_fd);
    if (!d) {
        close(dup_fd);
        errs_add(errs, "%s: %s", where, strerror(errno));
        return;
    }
    struct dirent *e;
    for (;;) {
        errno = 0;
        e = readdir(d);
        if (!e) {
            if (errno) errs_add(errs, "%s: readdir: %s", where, strerror(errno));
            break;
        }
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..")) continue;
        int isdir = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) isdir = S_ISDIR(st.st_mode);
        }
        if (!isdir) {
            if (unlinkat(dfd, name, 0) == 0) continue;
            if (errno != EISDIR) {
                errs_add(errs, "%s/%s: %s", where, name, strerror(errno));
                continue;
            }
        }
        char sub[PATH_MAX];
        snprintf(sub, sizeof sub, "%s/%s", where, name);
        if (depth + 1 > CLEAN_MAX_DEPTH) {
            errs_add(errs, "%s: nested too deeply", sub);
            continue;
        }
        int sfd = open_subdir(dfd, name);
        if (sfd >= 0) {
            fchmod(sfd, 0700); /* ours: lets us delete inside; not ours: fails, fine */
            clean_dir(sfd, sub, depth + 1, errs);
            close(sfd);
        } else if (errno == ENOTDIR || errno == ELOOP) {
            /* replaced by a non-directory meanwhile */
            if (unlinkat(dfd, name, 0) != 0) errs_add(errs, "%s: %s", sub, strerror(errno));
            continue;
        }
        if (unlinkat(dfd, name, AT_REMOVEDIR) != 0) errs_add(errs, "%s: %s", sub, strerror(errno));
    }
    closedir(d);
}

typedef struct {
    char **dirs;
    size_t n;
} creq_t;

static void do_clean_helper(void *arg, errs_t *errs) {
    creq_t *c = arg;
    for (size_t i = 0; i < c->n; i++) {
        int fd = walk(c->dirs[i], 0, 0, NULL, 0);
        if (fd < 0) {
            if (errno != ENOENT) errs_add(errs, "%s: %s", c->dirs[i], strerror(errno));
            continue;
        }
        clean_dir(fd, c->dirs[i], 0, errs);
        close(fd);
    }
}

static void handle_clean(const char *payload, size_t len) {
    char *copy = malloc(len + 1);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        if (payload[i] == '\n') lines++;
    char **dirs = calloc(lines, sizeof(char *));
    if (!copy || !dirs) die_oom();
    memcpy(copy, payload, len);
    copy[len] = '\0';
    creq_t c = {.dirs = dirs, .n = 0};
    uint64_t uid = 0;
    int have_uid = 0;
    const char *err = NULL;
    if (memchr(payload, '\0', len)) err = "clean: NUL byte in request";
    for (char *line = strtok(copy, "\n"); line && !err; line = strtok(NULL, "\n")) {
        char *eq = strchr(line, '=');
        if (!eq) {
            err = "clean: malformed line";
            break;
        }
        *eq = '\0';
        const char *v = eq + 1;
        if (!strcmp(line, "dir")) {
            int only_slashes = 1;
            for (const char *q = v; *q; q++)
                if (*q != '/') only_slashes = 0;
            if (v[0] != '/' || only_slashes) err = "clean: dir must be an absolute path other than /";
            c.dirs[c.n++] = (char *)v;
        } else if (!strcmp(line, "uid")) {
            if (parse_u64(v, 65535, &uid)) err = "clean: invalid uid";
            have_uid = 1;
        } else {
            err = "clean: unknown key";
        }
    }
    if (!err && !have_uid) err = "clean: uid missing";
    if (!err && !g_single && uid != 1001 && uid != 1002) err = "clean: uid must be 1001 or 1002";
    if (!err) err = run_helper((unsigned)uid, do_clean_helper, &c);
    free(copy);
    free(dirs);
    send_ack(err);
}

/* ------------------------------------------------------------------------------------ */
/* host input */

typedef struct deferred {
    struct deferred *next;
    char type;
    size_t len;
    char data[];
} deferred_t;

static deferred_t *def_head, **def_tail = &def_head;
static size_t def_bytes;
static buf_t inq;

static _Noreturn void quit_now(void) {
    kill_everything();
    int fl = fcntl(1, F_GETFL);
    if (fl >= 0) fcntl(1, F_SETFL, fl & ~O_NONBLOCK);
    flush_out_blocking();
    _exit(0);
}

static void handle_idle_frame(char type, const char *p, size_t len);

static void process_deferred(void) {
    while (def_head && !run.active) {
        deferred_t *d = def_head;
        def_head = d->next;
        if (!def_head) def_tail = &def_head;
        def_bytes -= d->len;
        handle_idle_frame(d->type, d->data, d->len);
        free(d);
    }
}

static void handle_idle_frame(char type, const char *p, size_t len) {
    switch (type) {
    case 'R': start_run(p, len); break;
    case 'W': handle_write(p, len); break;
    case 'C': handle_clean(p, len); break;
    case 'I': case 'E': case 'K': break; /* late for a run that already ended */
    case 'Q': quit_now(); break;
    default: fatal("unknown message type 0x%02x", (unsigned char)type);
    }
}

static void handle_frame(char type, const char *p, size_t len) {
    if (!run.active) {
        handle_idle_frame(type, p, len);
        return;
    }
    switch (type) {
    case 'R': fatal("R during a run");
    case 'I':
        if (run.in_fd >= 0 && !run.stdin_eof) {
            buf_append(&run.stdin_pending, p, len);
            pump_stdin();
        }
        break;
    case 'E':
        run.stdin_eof = 1;
        pump_stdin();
        break;
    case 'K':
        if (run.kill_reason == KR_NONE) run.kill_reason = KR_CANCEL;
        break;
    case 'W':
    case 'C': {
        /* done once the run is over, in order */
        deferred_t *d = malloc(sizeof *d + len);
        if (!d) die_oom();
        d->next = NULL;
        d->type = type;
        d->len = len;
        memcpy(d->data, p, len);
        *def_tail = d;
        def_tail = &d->next;
        def_bytes += len;
        break;
    }
    case 'Q': quit_now(); break;
    default: fatal("unknown message type 0x%02x", (unsigned char)type);
    }
}

static void parse_frames(void) {
    while (buf_pending(&inq) >= 5) {
        const unsigned char *h = (const unsigned char *)inq.data + inq.off;
        uint32_t len = (uint32_t)h[1] | ((uint32_t)h[2] << 8) | ((uint32_t)h[3] << 16) | ((uint32_t)h[4] << 24);
        char type = (char)h[0];
        if (!strchr("RIEKWCQ", type) || type == '\0') fatal("unknown message type 0x%02x", (unsigned char)type);
        if (len > MAX_IN_PAYLOAD) fatal("message of %u bytes exceeds the 1 MiB limit", len);
        if (buf_pending(&inq) < 5 + (size_t)len) return;
        handle_frame(type, inq.data + inq.off + 5, len);
        buf_consume(&inq, 5 + (size_t)len);
    }
}

static int host_eof;

static void read_host(void) {
    buf_reserve(&inq, 65536);
    ssize_t n = read(0, inq.data + inq.len, 65536);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) return;
        host_eof = 1;
        return;
    }
    if (n == 0) {
        host_eof = 1;
        return;
    }
    inq.len += (size_t)n;
    parse_frames();
}

/* ------------------------------------------------------------------------------------ */

static int host_readable(void) {
    if (host_eof) return 0;
    if (run.active && (buf_pending(&run.stdin_pending) >= MAX_STDIN_PENDING || def_bytes >= MAX_DEFERRED)) return 0;
    return 1;
}

int main(int argc, char **argv) {
    (void)argv;
    if (getpid() != 1) {
        diag("supervisor: refusing to run: must be PID 1 of its own PID namespace (it kills every process "
             "it can see when a run ends)");
        return 1;
    }
    if (argc > 1) {
        diag("usage: supervisor (no arguments; speaks PROTOCOL.md on stdin/stdout)");
        return 1;
    }
    /* make sure fds 0-2 exist so that pipes never land there */
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) < 0) {
            int n = open("/dev/null", O_RDWR);
            if (n < 0) return 1;
        }
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024);

    signal(SIGPIPE, SIG_IGN);
    if (pipe2(sigpipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);

    set_nonblock(1);
    setup_privileges();

    {
        text_t t = {.len = 0};
        text_add(&t, "version", "%d", PROTOCOL_VERSION);
        text_add(&t, "uids", "%s", g_single ? "single" : "multi");
        send_text('Y', &t);
    }

    for (;;) {
        struct pollfd pf[8];
        int n = 0, i_host = -1, i_out = -1, i_sig = -1, i_pout = -1, i_perr = -1, i_pin = -1, i_ep = -1;
        if (host_readable()) { pf[n] = (struct pollfd){.fd = 0, .events = POLLIN}; i_host = n++; }
        if (buf_pending(&outq)) { pf[n] = (struct pollfd){.fd = 1, .events = POLLOUT}; i_out = n++; }
        pf[n] = (struct pollfd){.fd = sigpipe_fds[0], .events = POLLIN};
        i_sig = n++;
        int timeout = -1;
        if (run.active) {
            int room = buf_pending(&outq) < OUTQ_HIGH;
            if (room && run.out_fd >= 0) { pf[n] = (struct pollfd){.fd = run.out_fd, .events = POLLIN}; i_pout = n++; }
            if (room && run.err_fd >= 0) { pf[n] = (struct pollfd){.fd = run.err_fd, .events = POLLIN}; i_perr = n++; }
            if (run.in_fd >= 0 && buf_pending(&run.stdin_pending)) {
                pf[n] = (struct pollfd){.fd = run.in_fd, .events = POLLOUT};
                i_pin = n++;
            }
            if (run.errpipe_fd >= 0) { pf[n] = (struct pollfd){.fd = run.errpipe_fd, .events = POLLIN}; i_ep = n++; }
            uint64_t t = now_ns();
            uint64_t next = run.deadline;
            if (run.cpu_fd >= 0 && run.next_cpu_check < next) next = run.next_cpu_check;
            timeout = next <= t ? 0 : (int)((next - t + 999999) / 1000000);
        }
        if (!run.active && host_eof) quit_now();
        int r = poll(pf, (nfds_t)n, timeout);
        if (r < 0) {
            if (errno == EINTR) continue;
            fatal("poll: %s", strerror(errno));
        }
        if (pf[i_sig].revents) {
            char tmp[64];
            while (read(sigpipe_fds[0], tmp, sizeof tmp) > 0) {
            }
        }
        reap_nohang();
        if (i_out >= 0 && pf[i_out].revents) flush_out();
        if (run.active) {
            if (i_pout >= 0 && pf[i_pout].revents) pump_pipe(&run.out_fd, '1');
            if (i_perr >= 0 && pf[i_perr].revents) pump_pipe(&run.err_fd, '2');
            if (i_pin >= 0 && pf[i_pin].revents) pump_stdin();
            if (i_ep >= 0 && pf[i_ep].revents) read_errpipe();
        }
        if (i_host >= 0 && pf[i_host].revents) read_host();
        if (run.active) {
            uint64_t t = now_ns();
            if (run.cpu_fd >= 0 && t >= run.next_cpu_check && run.kill_reason == KR_NONE) {
                uint64_t ns;
                if (read_cpu_ns(run.cpu_fd, &ns) == 0 && ns > run.cpu_base_ns &&
                    ns - run.cpu_base_ns > run.req.cpu_ms * 1000000ull)
                    run.kill_reason = KR_CPU;
                run.next_cpu_check = t + CPU_CHECK_MS * 1000000ull;
            }
            if (t >= run.deadline && run.kill_reason == KR_NONE && !run.main_reaped) run.kill_reason = KR_WALL;
            if (run.kill_reason != KR_NONE || run.main_reaped) finish_run();
        }
    }
}
