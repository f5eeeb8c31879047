/* Seccomp filter for user code. See seccomp.h. */
#define _GNU_SOURCE
#include "seccomp.h"

#include <errno.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/sched.h>

#if !defined(__x86_64__)
#error "the supervisor's seccomp filter is written for x86_64 only"
#endif

#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif

/* x86_64 syscall numbers, fixed by the kernel ABI; spelled out so that old headers
 * cannot silently drop an entry. */
#define NR_mknod 133
#define NR_personality 135
#define NR_ptrace 101
#define NR_syslog 103
#define NR_pivot_root 155
#define NR_adjtimex 159
#define NR_chroot 161
#define NR_acct 163
#define NR_settimeofday 164
#define NR_mount 165
#define NR_umount2 166
#define NR_swapon 167
#define NR_swapoff 168
#define NR_reboot 169
#define NR_init_module 175
#define NR_delete_module 176
#define NR_quotactl 179
#define NR_lookup_dcookie 212
#define NR_clock_settime 227
#define NR_kexec_load 246
#define NR_add_key 248
#define NR_request_key 249
#define NR_keyctl 250
#define NR_mknodat 259
#define NR_unshare 272
#define NR_perf_event_open 298
#define NR_name_to_handle_at 303
#define NR_open_by_handle_at 304
#define NR_clock_adjtime 305
#define NR_setns 308
#define NR_process_vm_readv 310
#define NR_process_vm_writev 311
#define NR_finit_module 313
#define NR_kexec_file_load 320
#define NR_bpf 321
#define NR_userfaultfd 323
#define NR_io_uring_setup 425
#define NR_io_uring_enter 426
#define NR_io_uring_register 427
#define NR_open_tree 428
#define NR_move_mount 429
#define NR_fsopen 430
#define NR_fsconfig 431
#define NR_fsmount 432
#define NR_clone3 435
#define NR_clone 56

#define X32_SYSCALL_BIT 0x40000000U

/* Namespace flags clone() accepts. CLONE_NEWTIME (0x80) is not listed: for clone() that
 * bit belongs to the exit signal (CSIGNAL); clone3 is refused anyway. */
#define NS_FLAGS (0x00020000U /* NEWNS */ | 0x02000000U /* NEWCGROUP */ | 0x04000000U /* NEWUTS */ \
                  | 0x08000000U /* NEWIPC */ | 0x10000000U /* NEWUSER */ | 0x20000000U /* NEWPID */ \
                  | 0x40000000U /* NEWNET */)

#define OFF_NR offsetof(struct seccomp_data, nr)
#define OFF_ARCH offsetof(struct seccomp_data, arch)
/* low 32 bits of args[i] (little endian) */
#define OFF_ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))

#define LD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
#define JEQ(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))
#define JGE(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (k), (jt), (jf))
#define JSET(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (k), (jt), (jf))
#define AND(k) BPF_STMT(BPF_ALU | BPF_AND | BPF_K, (k))

#define KILL RET(SECCOMP_RET_KILL_PROCESS)
#define ALLOW RET(SECCOMP_RET_ALLOW)
#define ENOSYS_RET RET(SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA))
/* if nr == n: kill */
#define DENY(n) JEQ((n), 0, 1), KILL
#define NOSYS(n) JEQ((n), 0, 1), ENOSYS_RET

static const struct sock_filter filter[] = {
    LD(OFF_ARCH),
    JEQ(AUDIT_ARCH_X86_64, 1, 0),
    KILL,
    LD(OFF_NR),
    JGE(X32_SYSCALL_BIT, 0, 1),
    KILL,

    /* clone: kill when any namespace flag is set in the flags (arg0). */
    JEQ(NR_clone, 0, 4),
    LD(OFF_ARG_LO(0)),
    JSET(NS_FLAGS, 0, 1),
    KILL,
    ALLOW,

    /* mknod(path, mode, dev) / mknodat(dfd, path, mode, dev): kill when creating a
     * character or block device; fifos, sockets and regular files stay allowed (mkfifo). */
    JEQ(NR_mknod, 0, 6),
    LD(OFF_ARG_LO(1)),
    AND(S_IFMT),
    JEQ(S_IFCHR, 2, 0),
    JEQ(S_IFBLK, 1, 0),
    ALLOW,
    KILL,
    JEQ(NR_mknodat, 0, 6),
    LD(OFF_ARG_LO(2)),
    AND(S_IFMT),
    JEQ(S_IFCHR, 2, 0),
    JEQ(S_IFBLK, 1, 0),
    ALLOW,
    KILL,

    /* personality: only the query personality(0xffffffff) is allowed. */
    JEQ(NR_personality, 0, 4),
    LD(OFF_ARG_LO(0)),
    JEQ(0xffffffffU, 0, 1),
    ALLOW,
    KILL,

    /* The accumulator holds arg values after the blocks above only on their own paths,
     * which all return; reload nr to be safe for the list below. */
    LD(OFF_NR),
    DENY(NR_ptrace),
    DENY(NR_process_vm_readv),
    DENY(NR_process_vm_writev),
    DENY(NR_bpf),
    DENY(NR_keyctl),
    DENY(NR_add_key),
    DENY(NR_request_key),
    DENY(NR_unshare),
    DENY(NR_setns),
    DENY(NR_mount),
    DENY(NR_umount2),
    DENY(NR_pivot_root),
    DENY(NR_chroot),
    DENY(NR_kexec_load),
    DENY(NR_kexec_file_load),
    DENY(NR_init_module),
    DENY(NR_finit_module),
    DENY(NR_delete_module),
    DENY(NR_reboot),
    DENY(NR_swapon),
    DENY(NR_swapoff),
    DENY(NR_acct),
    DENY(NR_perf_event_open),
    DENY(NR_userfaultfd),
    DENY(NR_open_by_handle_at),
    DENY(NR_name_to_handle_at),
    DENY(NR_fsopen),
    DENY(NR_fsmount),
    DENY(NR_fsconfig),
    DENY(NR_move_mount),
    DENY(NR_open_tree),
    DENY(NR_quotactl),
    DENY(NR_lookup_dcookie),
    DENY(NR_syslog),
    DENY(NR_settimeofday),
    DENY(NR_clock_settime),
    DENY(NR_adjtimex),
    DENY(NR_clock_adjtime),
    NOSYS(NR_io_uring_setup),
    NOSYS(NR_io_uring_enter),
    NOSYS(NR_io_uring_register),
    NOSYS(NR_clone3),
    ALLOW,
};

int arbiter_seccomp_install(void) {
    struct sock_fprog prog = {
        .len = (unsigned short)(sizeof(filter) / sizeof(filter[0])),
        .filter = (struct sock_filter *)filter,
    };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
        /* very old kernels: fall back to prctl */
        if (errno != ENOSYS) return errno;
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) return errno;
    }
    return 0;
}
