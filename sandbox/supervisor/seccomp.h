/* Seccomp filter for user code run by the supervisor (see PROTOCOL.md).
 *
 * Classic BPF, hand-written (no libseccomp). x86_64 only: any other architecture
 * (including the i386 int 0x80 entry) and every x32 syscall number kill the process.
 * A fixed list of dangerous syscalls kills the process (SECCOMP_RET_KILL_PROCESS);
 * io_uring_* and clone3 fail with ENOSYS so that runtimes fall back; clone with a
 * CLONE_NEW* flag kills; everything else is allowed. */
#ifndef ARBITER_SECCOMP_H
#define ARBITER_SECCOMP_H

/* Installs the filter on the calling thread. Sets PR_SET_NO_NEW_PRIVS first.
 * Returns 0 on success, or an errno value. Async-signal-safe (no allocation):
 * meant to be called in a forked child right before execve. */
int arbiter_seccomp_install(void);

#endif
