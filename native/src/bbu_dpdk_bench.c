#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include "bbu_dpdk_port.h"
#include "bbu_error.h"
#include "bbu_internal.h"

/* The raw C baseline: what a hand-written DPDK program does to move the same bytes, with no
 * framing library and no managed runtime: copy into mbufs, burst 32 at a time, copy out. */

static int g_priority;

void bbu_dpdk_bench_set_priority(int fifo_priority) { g_priority = fifo_priority; }

static int bench_thread_setup(int cpu)
{
    if (bbu_pin_current_thread(cpu) < 0)
        return -1;
    if (g_priority > 0) {
        struct sched_param param = {.sched_priority = g_priority};
        pthread_setschedparam(pthread_self(), SCHED_FIFO, &param); /* best effort: needs CAP_SYS_NICE */
    }
    return 0;
}

typedef struct tp_args {
    bbu_dpdk_port *port;
    const uint8_t *src; /* the whole total_bytes, distinct bytes, as a state image being migrated */
    uint64_t total;
    uint32_t frame;
    int cpu;
    uint64_t end_ns;
    int rc;
} tp_args;

static void *tp_tx(void *p)
{
    tp_args *a = p;
    if (bench_thread_setup(a->cpu) < 0)
        return NULL;
    const uint8_t *src = a->src;
    const uint32_t frag = a->port->fragment;
    struct rte_mbuf *batch[BBU_BURST];
    uint64_t sent = 0;
    uint32_t off_in_frame = 0;
    bbu_frag_hdr hdr = {a->frame, 0, 0, 0, BBU_FRAG_MAGIC};
    while (sent < a->total) {
        if (rte_pktmbuf_alloc_bulk(a->port->pool, batch, BBU_BURST) != 0)
            continue;
        uint16_t n = 0;
        while (n < BBU_BURST && sent < a->total) {
            uint32_t len = a->frame - off_in_frame < frag ? a->frame - off_in_frame : frag;
            hdr.offset = off_in_frame;
            uint8_t *d = (uint8_t *)rte_pktmbuf_append(batch[n], (uint16_t)(BBU_DPDK_FRAGMENT_OVERHEAD + len));
            bbu_dpdk_fill_eth(a->port, batch[n], &hdr);
            memcpy(d + BBU_DPDK_FRAGMENT_OVERHEAD, src + sent, len);
            off_in_frame += len;
            sent += len;
            n++;
            if (off_in_frame == a->frame) {
                off_in_frame = 0;
                hdr.frame_seq++;
            }
        }
        if (n < BBU_BURST)
            rte_pktmbuf_free_bulk(batch + n, BBU_BURST - n);
        uint16_t done = 0;
        while (done < n)
            done += rte_eth_tx_burst(a->port->port_id, 0, batch + done, (uint16_t)(n - done));
    }
    a->rc = 0;
    return NULL;
}

static void *tp_rx(void *p)
{
    tp_args *a = p;
    if (bench_thread_setup(a->cpu) < 0)
        return NULL;
    uint8_t *dst = malloc(a->frame);
    struct rte_mbuf *batch[BBU_BURST];
    uint64_t got = 0;
    while (got < a->total) {
        uint16_t n = rte_eth_rx_burst(a->port->port_id, 0, batch, BBU_BURST);
        for (uint16_t k = 0; k < n; k++) {
            const uint8_t *d = rte_pktmbuf_mtod(batch[k], const uint8_t *);
            bbu_frag_hdr hdr;
            memcpy(&hdr, d + sizeof(struct rte_ether_hdr), sizeof hdr);
            uint32_t len = batch[k]->data_len - BBU_DPDK_FRAGMENT_OVERHEAD;
            memcpy(dst + hdr.offset, d + BBU_DPDK_FRAGMENT_OVERHEAD, len);
            got += len;
        }
        if (n > 0)
            rte_pktmbuf_free_bulk(batch, n);
    }
    a->end_ns = bbu_now_ns();
    free(dst);
    a->rc = 0;
    return NULL;
}

int bbu_dpdk_bench_throughput(bbu_dpdk_port *tx, bbu_dpdk_port *rx, uint64_t total_bytes, uint32_t frame_bytes,
                              int tx_cpu, int rx_cpu, bbu_bench_result *out)
{
    if (tx == NULL || rx == NULL || out == NULL || frame_bytes == 0 || total_bytes == 0) {
        bbu_set_error("bbu_dpdk_bench_throughput: bad arguments");
        return -1;
    }
    /* whole frames only, so the receiver's count ends exactly */
    total_bytes = (total_bytes + frame_bytes - 1) / frame_bytes * frame_bytes;
    uint8_t *src = malloc(total_bytes);
    if (src == NULL) {
        bbu_set_error("out of memory for a %llu-byte source", (unsigned long long)total_bytes);
        return -1;
    }
    for (uint64_t i = 0; i < total_bytes; i++) /* distinct bytes, touched before the clock starts */
        src[i] = (uint8_t)(i * 31u + (i >> 12));
    tp_args r = {rx, NULL, total_bytes, frame_bytes, rx_cpu, 0, -1};
    tp_args t = {tx, src, total_bytes, frame_bytes, tx_cpu, 0, -1};
    pthread_t rt, tt;
    if (pthread_create(&rt, NULL, tp_rx, &r) != 0) {
        bbu_set_error("pthread_create failed");
        return -1;
    }
    uint64_t start = bbu_now_ns();
    if (pthread_create(&tt, NULL, tp_tx, &t) != 0) {
        bbu_set_error("pthread_create failed");
        return -1; /* the receiver thread is left waiting: only on resource exhaustion */
    }
    pthread_join(tt, NULL);
    pthread_join(rt, NULL);
    free(src);
    if (r.rc != 0 || t.rc != 0)
        return -1;
    out->bytes = total_bytes;
    out->seconds = (double)(r.end_ns - start) / 1e9;
    out->bytes_per_second = (double)total_bytes / out->seconds;
    out->p50_ns = out->p99_ns = 0;
    return 0;
}

typedef struct pp_args {
    bbu_dpdk_port *port;
    uint32_t frame;
    uint32_t iterations;
    int cpu;
    int initiator;
    uint64_t *rtt;
    int rc;
} pp_args;

static void pp_send(bbu_dpdk_port *port, const uint8_t *src, uint32_t len)
{
    struct rte_mbuf *m;
    while ((m = rte_pktmbuf_alloc(port->pool)) == NULL)
        ;
    bbu_frag_hdr hdr = {len, 0, 0, 0, BBU_FRAG_MAGIC};
    uint8_t *d = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(BBU_DPDK_FRAGMENT_OVERHEAD + len));
    bbu_dpdk_fill_eth(port, m, &hdr);
    memcpy(d + BBU_DPDK_FRAGMENT_OVERHEAD, src, len);
    while (rte_eth_tx_burst(port->port_id, 0, &m, 1) == 0)
        ;
}

static void pp_recv(bbu_dpdk_port *port, uint8_t *dst)
{
    struct rte_mbuf *m;
    while (rte_eth_rx_burst(port->port_id, 0, &m, 1) == 0)
        ;
    memcpy(dst, rte_pktmbuf_mtod(m, uint8_t *) + BBU_DPDK_FRAGMENT_OVERHEAD, m->data_len - BBU_DPDK_FRAGMENT_OVERHEAD);
    rte_pktmbuf_free(m);
}

static void *pp_thread(void *p)
{
    pp_args *a = p;
    if (bench_thread_setup(a->cpu) < 0)
        return NULL;
    uint8_t *buf = calloc(1, a->frame);
    for (uint32_t i = 0; i < a->iterations; i++) {
        if (a->initiator) {
            uint64_t t0 = bbu_now_ns();
            pp_send(a->port, buf, a->frame);
            pp_recv(a->port, buf);
            a->rtt[i] = bbu_now_ns() - t0;
        } else {
            pp_recv(a->port, buf);
            pp_send(a->port, buf, a->frame);
        }
    }
    free(buf);
    a->rc = 0;
    return NULL;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

int bbu_dpdk_bench_pingpong(bbu_dpdk_port *a, bbu_dpdk_port *b, uint32_t frame_bytes, uint32_t iterations,
                            int a_cpu, int b_cpu, bbu_bench_result *out)
{
    if (a == NULL || b == NULL || out == NULL || iterations == 0 || frame_bytes > a->fragment) {
        bbu_set_error("bbu_dpdk_bench_pingpong: bad arguments (frame must fit one fragment)");
        return -1;
    }
    uint64_t *rtt = calloc(iterations, sizeof *rtt);
    pp_args pa = {a, frame_bytes, iterations, a_cpu, 1, rtt, -1};
    pp_args pb = {b, frame_bytes, iterations, b_cpu, 0, NULL, -1};
    pthread_t ta, tb;
    uint64_t start = bbu_now_ns();
    pthread_create(&tb, NULL, pp_thread, &pb);
    pthread_create(&ta, NULL, pp_thread, &pa);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    out->seconds = (double)(bbu_now_ns() - start) / 1e9;
    if (pa.rc != 0 || pb.rc != 0) {
        free(rtt);
        return -1;
    }
    qsort(rtt, iterations, sizeof *rtt, cmp_u64);
    out->p50_ns = (double)rtt[iterations / 2] / 2.0;
    out->p99_ns = (double)rtt[(uint64_t)iterations * 99 / 100] / 2.0;
    out->bytes = (uint64_t)frame_bytes * iterations * 2;
    out->bytes_per_second = 0;
    free(rtt);
    return 0;
}
