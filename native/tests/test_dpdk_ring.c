/* net_ring pair in one process (loopback queue without DPDK): 64 MiB of random-size frames,
 * gathered from two segments, each checked by its checksum; EAL init leaves the caller's
 * affinity alone and a second init reports "already up". */
#include "test_common.h"
#include <pthread.h>

#define TOTAL (64ull << 20)

typedef struct sender {
    bbu_dpdk_port *port;
    uint32_t frames;
} sender;

static void *send_all(void *p)
{
    sender *s = p;
    uint8_t *buf = malloc(96 * 1024 + 64);
    uint64_t seed = 42, lseed = 7, sent = 0;
    uint32_t i = 0;
    while (sent < TOTAL) {
        uint32_t len = random_len(&lseed, i);
        fill_frame(buf, len, &seed);
        bbu_iovec iov[2] = {{buf, len / 3}, {buf + len / 3, len - len / 3}};
        int rc;
        while ((rc = bbu_dpdk_send_frame(s->port, iov, 2, bbu_now_ns())) == 0)
            ;
        CHECK(rc == 1);
        sent += len;
        i++;
    }
    uint8_t end = 0;
    bbu_iovec last = {&end, 0};
    while (bbu_dpdk_send_frame(s->port, &last, 1, 0) == 0)
        ;
    s->frames = i;
    free(buf);
    return NULL;
}

int main(void)
{
    cpu_set_t before, after;
    CHECK(sched_getaffinity(0, sizeof before, &before) == 0);
    int rc = test_eal_up(1);
    CHECK(rc == 0);
    CHECK(sched_getaffinity(0, sizeof after, &after) == 0);
    CHECK(CPU_EQUAL(&before, &after));
    CHECK(test_eal_up(1) == 1);
    CHECK(bbu_dpdk_initialized());

    bbu_dpdk_port *a, *b;
    CHECK(bbu_dpdk_ring_pair("test", 0, &a, &b) == 0);
    CHECK(bbu_dpdk_link_up(a) == 1);

    sender s = {a, 0};
    pthread_t t;
    CHECK(pthread_create(&t, NULL, send_all, &s) == 0);
    uint8_t *buf = malloc(96 * 1024 + 64);
    uint64_t got = 0, frames = 0;
    for (;;) {
        uint32_t len = 0;
        uint64_t ts = 0;
        rc = bbu_dpdk_recv_frame(b, buf, 16, &len, &ts); /* too small for most frames: -2 */
        if (rc == -2) {
            CHECK(len > 16);
            rc = bbu_dpdk_recv_frame(b, buf, 96 * 1024 + 64, &len, &ts);
            while (rc == 0)
                rc = bbu_dpdk_recv_frame(b, buf, 96 * 1024 + 64, &len, &ts);
        }
        if (rc == 0)
            continue;
        CHECK(rc == 1);
        if (len == 0)
            break;
        CHECK(frame_ok(buf, len));
        CHECK(ts != 0 && ts <= bbu_now_ns());
        got += len;
        frames++;
    }
    pthread_join(t, NULL);
    CHECK(frames == s.frames);
    CHECK(got >= TOTAL);
    printf("ring pair (%s): %llu frames, %llu bytes ok\n", bbu_dpdk_backend() ? "DPDK" : "loopback",
           (unsigned long long)frames, (unsigned long long)got);
    bbu_dpdk_port_close(a);
    bbu_dpdk_port_close(b);
    free(buf);
    return 0;
}
