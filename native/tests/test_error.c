/* The last error is per thread: a failure on one thread is not seen by another. */
#include "test_common.h"
#include <pthread.h>

static void *other(void *p)
{
    (void)p;
    CHECK(bbu_last_error()[0] == '\0');
    CHECK(bbu_dpdk_memif_open(NULL, 1, 0) == NULL);
    CHECK(bbu_last_error()[0] != '\0');
    return NULL;
}

int main(void)
{
    bbu_clear_error();
    pthread_t t;
    CHECK(pthread_create(&t, NULL, other, NULL) == 0);
    pthread_join(t, NULL);
    CHECK(bbu_last_error()[0] == '\0');
    CHECK(bbu_now_ns() > 0);
    return 0;
}
