#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include "bbu_error.h"
#include "bbu_internal.h"

/* 256 bytes: the longest message (a path plus an rte_strerror text) fits. */
static __thread char t_last_error[256];

const char *bbu_last_error(void) { return t_last_error; }

void bbu_clear_error(void) { t_last_error[0] = '\0'; }

void bbu_set_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t_last_error, sizeof t_last_error, fmt, ap);
    va_end(ap);
}

unsigned long long bbu_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

int bbu_pin_current_thread(int cpu)
{
    if (cpu < 0)
        return 0;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    int rc = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    if (rc != 0) {
        bbu_set_error("pthread_setaffinity_np(cpu %d) failed: %d", cpu, rc);
        return -1;
    }
    return 0;
}
