/* The loopback backend, built when BBU_WITH_DPDK=OFF: the same ABI as the DPDK backend so the
 * .NET side and its tests build and run anywhere. Ring pairs carry frames through a locked
 * in-memory queue; memif, af_packet and PCI ports fail with a message naming the missing piece. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "bbu_dpdk.h"
#include "bbu_error.h"
#include "bbu_internal.h"

typedef struct lb_frame {
    struct lb_frame *next;
    uint32_t len;
    uint64_t ts;
    uint8_t data[];
} lb_frame;

typedef struct lb_queue {
    pthread_mutex_t lock;
    lb_frame *head, *tail;
    int refs;
    int closed; /* the sender sent its close */
} lb_queue;

struct bbu_dpdk_port {
    lb_queue *rx, *tx;
    uint32_t fragment;
};

static int g_init;

int bbu_dpdk_backend(void) { return 0; }

int bbu_dpdk_init(int argc, const char *const *argv)
{
    (void)argc, (void)argv;
    return __atomic_exchange_n(&g_init, 1, __ATOMIC_ACQ_REL) ? 1 : 0;
}

int bbu_dpdk_initialized(void) { return __atomic_load_n(&g_init, __ATOMIC_ACQUIRE); }

static lb_queue *queue_new(void)
{
    lb_queue *q = calloc(1, sizeof *q);
    if (q != NULL) {
        pthread_mutex_init(&q->lock, NULL);
        q->refs = 2;
    }
    return q;
}

int bbu_dpdk_ring_pair(const char *name, uint32_t fragment, bbu_dpdk_port **first, bbu_dpdk_port **second)
{
    (void)name;
    if (first == NULL || second == NULL) {
        bbu_set_error("bbu_dpdk_ring_pair: null argument");
        return -1;
    }
    lb_queue *ab = queue_new(), *ba = queue_new();
    bbu_dpdk_port *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    if (ab == NULL || ba == NULL || a == NULL || b == NULL) {
        free(ab), free(ba), free(a), free(b);
        bbu_set_error("out of memory");
        return -1;
    }
    a->tx = ab, a->rx = ba, b->tx = ba, b->rx = ab;
    a->fragment = b->fragment = fragment == 0 ? BBU_DPDK_DEFAULT_FRAGMENT : fragment;
    *first = a, *second = b;
    return 0;
}

static bbu_dpdk_port *no_dpdk(const char *what)
{
    bbu_set_error("%s needs DPDK: libbbupool_native was built without it (BBU_WITH_DPDK=OFF; install libdpdk-dev and rerun scripts/build-native.sh)", what);
    return NULL;
}

bbu_dpdk_port *bbu_dpdk_memif_open(const char *p, int s, uint32_t f) { (void)p, (void)s, (void)f; return no_dpdk("net_memif"); }
bbu_dpdk_port *bbu_dpdk_af_packet_open(const char *i, uint32_t f) { (void)i, (void)f; return no_dpdk("net_af_packet"); }
bbu_dpdk_port *bbu_dpdk_pci_open(const char *a, uint32_t f) { (void)a, (void)f; return no_dpdk("a PCI port"); }
int bbu_dpdk_link_up(bbu_dpdk_port *port) { return port != NULL; }
uint32_t bbu_dpdk_fragment(bbu_dpdk_port *port) { return port ? port->fragment : 0; }
int bbu_dpdk_port_id(bbu_dpdk_port *port) { (void)port; return -1; }

static void queue_release(lb_queue *q)
{
    pthread_mutex_lock(&q->lock);
    int last = --q->refs == 0;
    pthread_mutex_unlock(&q->lock);
    if (!last)
        return;
    for (lb_frame *f = q->head, *n; f != NULL; f = n) {
        n = f->next;
        free(f);
    }
    pthread_mutex_destroy(&q->lock);
    free(q);
}

void bbu_dpdk_port_close(bbu_dpdk_port *port)
{
    if (port == NULL)
        return;
    queue_release(port->rx);
    queue_release(port->tx);
    free(port);
}

int bbu_dpdk_send_frame(bbu_dpdk_port *port, const bbu_iovec *iov, int iovcnt, uint64_t ts_ns)
{
    if (port == NULL || iovcnt < 0 || (iov == NULL && iovcnt > 0)) {
        bbu_set_error("bbu_dpdk_send_frame: bad arguments");
        return -1;
    }
    size_t total = 0;
    for (int i = 0; i < iovcnt; i++)
        total += iov[i].len;
    lb_frame *f = malloc(sizeof *f + total);
    if (f == NULL) {
        bbu_set_error("out of memory");
        return -1;
    }
    f->next = NULL, f->len = (uint32_t)total, f->ts = ts_ns;
    size_t off = 0;
    for (int i = 0; i < iovcnt; i++) {
        memcpy(f->data + off, iov[i].base, iov[i].len);
        off += iov[i].len;
    }
    lb_queue *q = port->tx;
    pthread_mutex_lock(&q->lock);
    if (q->tail)
        q->tail->next = f;
    else
        q->head = f;
    q->tail = f;
    pthread_mutex_unlock(&q->lock);
    return 1;
}

int bbu_dpdk_recv_frame(bbu_dpdk_port *port, void *buf, uint32_t cap, uint32_t *len, uint64_t *ts_ns)
{
    if (port == NULL || len == NULL || ts_ns == NULL) {
        bbu_set_error("bbu_dpdk_recv_frame: bad arguments");
        return -1;
    }
    lb_queue *q = port->rx;
    pthread_mutex_lock(&q->lock);
    lb_frame *f = q->head;
    if (f == NULL) {
        int closed = q->closed;
        pthread_mutex_unlock(&q->lock);
        return closed ? -3 : 0;
    }
    if (f->len > cap || (buf == NULL && f->len > 0)) {
        *len = f->len;
        pthread_mutex_unlock(&q->lock);
        return -2;
    }
    q->head = f->next;
    if (q->head == NULL)
        q->tail = NULL;
    pthread_mutex_unlock(&q->lock);
    if (f->len > 0)
        memcpy(buf, f->data, f->len);
    *len = f->len;
    *ts_ns = f->ts;
    free(f);
    return 1;
}

int bbu_dpdk_send_close(bbu_dpdk_port *port)
{
    if (port == NULL) {
        bbu_set_error("null port");
        return -1;
    }
    pthread_mutex_lock(&port->tx->lock);
    port->tx->closed = 1;
    pthread_mutex_unlock(&port->tx->lock);
    return 1;
}

uint16_t bbu_dpdk_tx_burst(bbu_dpdk_port *p, void **m, uint16_t c) { (void)p, (void)m, (void)c; no_dpdk("tx_burst"); return 0; }
uint16_t bbu_dpdk_rx_burst(bbu_dpdk_port *p, void **m, uint16_t c) { (void)p, (void)m, (void)c; no_dpdk("rx_burst"); return 0; }

void bbu_dpdk_bench_set_priority(int fifo_priority) { (void)fifo_priority; }

int bbu_dpdk_bench_throughput(bbu_dpdk_port *t, bbu_dpdk_port *r, uint64_t b, uint32_t f, int tc, int rc, bbu_bench_result *o)
{
    (void)t, (void)r, (void)b, (void)f, (void)tc, (void)rc, (void)o;
    no_dpdk("the raw DPDK benchmark");
    return -1;
}

int bbu_dpdk_bench_pingpong(bbu_dpdk_port *a, bbu_dpdk_port *b, uint32_t f, uint32_t i, int ac, int bc, bbu_bench_result *o)
{
    (void)a, (void)b, (void)f, (void)i, (void)ac, (void)bc, (void)o;
    no_dpdk("the raw DPDK benchmark");
    return -1;
}
