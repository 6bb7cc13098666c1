/* For profiling partnerd under valgrind 3.19 (Debian 12) only, never linked into partnerd.
 *
 * valgrind writes into the signal mask that sigsuspend receives, and libdispatch passes one that lives in
 * read-only memory, so valgrind crashes at start. Preloaded, this sigsuspend hands the kernel a copy instead:
 *   cc -shared -fPIC -O2 -o .build-profile/valgrind-sigsuspend.so scripts/valgrind-sigsuspend.c
 *   LD_PRELOAD=$PWD/.build-profile/valgrind-sigsuspend.so valgrind --tool=massif partnerd …
 * (valgrind adds its own preloads to the client's LD_PRELOAD).
 * (README.md, "Profiling"). */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
