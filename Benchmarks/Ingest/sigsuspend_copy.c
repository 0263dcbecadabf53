/* Preloaded into `depeche` under valgrind by ingest_bench.py --callgrind.
 *
 * libdispatch parks the main thread in sigsuspend() with a signal mask that lives in its
 * read-only data; valgrind 3.19 (Debian 12) writes to that mask in its wrapper of
 * rt_sigsuspend and dies with an internal SIGSEGV ("the 'impossible' happened"). This
 * sigsuspend passes the kernel a copy on the stack instead; nothing else changes. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
