#ifndef PARTNERD_CSYSTEMD_SHIM_H
#define PARTNERD_CSYSTEMD_SHIM_H
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>
// Not libsystemd, but Linux interfaces that Swift's Glibc module leaves out: the daemon learns of wall-clock steps
// through a timerfd (TFD_TIMER_CANCEL_ON_SET) and of a new /etc/localtime through inotify.
#include <sys/timerfd.h>
#include <sys/inotify.h>
// glibc's malloc_trim: the feed renderer gives the pages of a large rendering back once it is done.
#include <malloc.h>
#endif
