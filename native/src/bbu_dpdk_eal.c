#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include "bbu_dpdk.h"
#include "bbu_error.h"
#include "bbu_internal.h"

/* EAL can be initialised once per process: 0 not yet, 1 up, -1 failed (for good). */
static int g_state;
static char g_failure[200];
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct eal_args {
    int argc;
    char **argv;
    int rc;
    int err;
} eal_args;

static void *eal_thread(void *p)
{
    eal_args *a = p;
    a->rc = rte_eal_init(a->argc, a->argv);
    a->err = rte_errno;
    return NULL;
}

int bbu_dpdk_backend(void) { return 1; }

int bbu_dpdk_initialized(void) { return __atomic_load_n(&g_state, __ATOMIC_ACQUIRE) == 1; }

int bbu_dpdk_init(int argc, const char *const *argv)
{
    pthread_mutex_lock(&g_lock);
    if (g_state == 1) {
        pthread_mutex_unlock(&g_lock);
        return 1;
    }
    if (g_state == -1) {
        bbu_set_error("EAL init failed earlier in this process (%s); EAL cannot be initialised twice", g_failure);
        pthread_mutex_unlock(&g_lock);
        return -1;
    }
    /* rte_eal_init permutes argv, so it gets a private copy with a program name in front. */
    char **copy = calloc((size_t)argc + 2, sizeof *copy);
    if (copy == NULL) {
        bbu_set_error("out of memory");
        pthread_mutex_unlock(&g_lock);
        return -1;
    }
    copy[0] = strdup("bbupool");
    for (int i = 0; i < argc; i++)
        copy[i + 1] = strdup(argv[i]);
    cpu_set_t saved;
    int have_saved = sched_getaffinity(0, sizeof saved, &saved) == 0;
    /* rte_eal_init pins the calling thread to the main lcore; running it on a thread of its own
     * keeps every caller thread (and every thread the caller creates later) unpinned. */
    eal_args a = {argc + 1, copy, -1, 0};
    pthread_t t;
    int rc = pthread_create(&t, NULL, eal_thread, &a);
    if (rc == 0)
        pthread_join(t, NULL);
    if (have_saved)
        sched_setaffinity(0, sizeof saved, &saved);
    /* argv strings stay allocated: EAL keeps pointers to some of them (e.g. the file prefix). */
    if (rc != 0) {
        bbu_set_error("pthread_create for EAL init failed: %d", rc);
        pthread_mutex_unlock(&g_lock);
        return -1;
    }
    if (a.rc < 0) {
        snprintf(g_failure, sizeof g_failure, "rte_eal_init: %s", rte_strerror(a.err));
        bbu_set_error("%s", g_failure);
        g_state = -1;
        pthread_mutex_unlock(&g_lock);
        return -1;
    }
    __atomic_store_n(&g_state, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&g_lock);
    return 0;
}
