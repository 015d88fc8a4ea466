#define _GNU_SOURCE
#include <string.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include "bbu_dpdk_port.h"
#include "bbu_error.h"
#include "bbu_internal.h"

/* A send that makes no progress for 1 s has lost its peer (memif gone, ring never drained). */
#define BBU_SEND_STALL_NS 1000000000ull

void bbu_dpdk_fill_eth(bbu_dpdk_port *port, struct rte_mbuf *m, const bbu_frag_hdr *hdr)
{
    uint8_t *d = rte_pktmbuf_mtod(m, uint8_t *);
    struct rte_ether_hdr *eth = (struct rte_ether_hdr *)d;
    memset(&eth->dst_addr, 0xff, sizeof eth->dst_addr); /* broadcast: no ARP, any peer takes it */
    rte_ether_addr_copy(&port->mac, &eth->src_addr);
    eth->ether_type = rte_cpu_to_be_16(BBU_DPDK_ETHERTYPE);
    memcpy(d + sizeof *eth, hdr, sizeof *hdr);
}

uint16_t bbu_dpdk_tx_burst(bbu_dpdk_port *port, void **mbufs, uint16_t count)
{
    return rte_eth_tx_burst(port->port_id, 0, (struct rte_mbuf **)mbufs, count);
}

uint16_t bbu_dpdk_rx_burst(bbu_dpdk_port *port, void **mbufs, uint16_t count)
{
    return rte_eth_rx_burst(port->port_id, 0, (struct rte_mbuf **)mbufs, count);
}

/* Frees the consumed receive mbufs and the unused send cache (port close). */
void bbu_dpdk_port_flush(bbu_dpdk_port *port)
{
    if (port->rx_done_n > 0)
        rte_pktmbuf_free_bulk(port->rx_done, port->rx_done_n);
    port->rx_done_n = 0;
    if (port->tx_cache_n > 0)
        rte_pktmbuf_free_bulk(port->tx_cache, port->tx_cache_n);
    port->tx_cache_n = 0;
}

/* The mempool has no per-lcore cache for our (non-EAL) threads, so every get/put is a ring
 * operation: taking mbufs 32 at a time and returning them 32 at a time divides that cost by 32,
 * which is what a burst-oriented C program gets for free. */
static int alloc_mbufs(bbu_dpdk_port *port, struct rte_mbuf **out, uint32_t n)
{
    if (n > port->tx_cache_n) {
        if (n >= BBU_BURST)
            return rte_pktmbuf_alloc_bulk(port->pool, out, n);
        if (rte_pktmbuf_alloc_bulk(port->pool, port->tx_cache + port->tx_cache_n, BBU_BURST - port->tx_cache_n) == 0)
            port->tx_cache_n = BBU_BURST;
        else if (n > port->tx_cache_n)
            return -1;
    }
    port->tx_cache_n -= (uint16_t)n;
    memcpy(out, port->tx_cache + port->tx_cache_n, n * sizeof *out);
    for (uint32_t k = 0; k < n; k++)
        rte_pktmbuf_reset(out[k]);
    return 0;
}

static inline void release_rx(bbu_dpdk_port *port, struct rte_mbuf *m)
{
    port->rx_done[port->rx_done_n++] = m;
    if (port->rx_done_n == BBU_BURST) {
        rte_pktmbuf_free_bulk(port->rx_done, BBU_BURST);
        port->rx_done_n = 0;
    }
}

static int stalled(uint64_t *since)
{
    uint64_t now = bbu_now_ns();
    if (*since == 0) {
        *since = now;
        return 0;
    }
    return now - *since > BBU_SEND_STALL_NS;
}

int bbu_dpdk_send_frame(bbu_dpdk_port *port, const bbu_iovec *iov, int iovcnt, uint64_t ts_ns)
{
    if (port == NULL || (iov == NULL && iovcnt > 0) || iovcnt < 0) {
        bbu_set_error("bbu_dpdk_send_frame: bad arguments");
        return -1;
    }
    uint64_t total = 0;
    for (int i = 0; i < iovcnt; i++)
        total += iov[i].len;
    if (total > UINT32_MAX) {
        bbu_set_error("frame of %llu bytes exceeds 4 GiB", (unsigned long long)total);
        return -1;
    }
    const uint32_t frag = port->fragment;
    const uint32_t nfrag = total == 0 ? 1u : (uint32_t)((total + frag - 1) / frag);
    bbu_frag_hdr hdr = {(uint32_t)total, 0, ts_ns, port->tx_seq, BBU_FRAG_MAGIC};
    int vi = 0;
    size_t voff = 0;
    uint32_t sent = 0;
    uint64_t stall = 0;
    struct rte_mbuf *batch[BBU_BURST];
    while (sent < nfrag) {
        uint32_t n = nfrag - sent < BBU_BURST ? nfrag - sent : BBU_BURST;
        if (alloc_mbufs(port, batch, n) != 0) {
            if (sent == 0)
                return 0;
            if (stalled(&stall)) {
                bbu_set_error("send stalled 1 s in the middle of a frame: no free mbufs on port %u", port->port_id);
                return -1;
            }
            continue;
        }
        for (uint32_t k = 0; k < n; k++) {
            uint32_t len = total - hdr.offset < frag ? (uint32_t)(total - hdr.offset) : frag;
            struct rte_mbuf *m = batch[k];
            uint8_t *d = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(BBU_DPDK_FRAGMENT_OVERHEAD + len));
            bbu_dpdk_fill_eth(port, m, &hdr);
            d += BBU_DPDK_FRAGMENT_OVERHEAD;
            uint32_t left = len;
            while (left > 0) { /* gather: copy from the caller's segments straight into the mbuf */
                size_t avail = iov[vi].len - voff;
                size_t c = avail < left ? avail : left;
                memcpy(d, (const uint8_t *)iov[vi].base + voff, c);
                d += c;
                left -= (uint32_t)c;
                voff += c;
                if (voff == iov[vi].len) {
                    vi++;
                    voff = 0;
                }
            }
            while (vi < iovcnt && voff == iov[vi].len) { /* skip empty segments */
                vi++;
                voff = 0;
            }
            hdr.offset += len;
        }
        uint16_t done = 0;
        stall = 0;
        while (done < n) {
            done += rte_eth_tx_burst(port->port_id, 0, batch + done, (uint16_t)(n - done));
            if (done == 0 && sent == 0) {
                /* nothing left yet: keep the mbufs for the retry */
                if (port->tx_cache_n + n <= BBU_BURST) {
                    memcpy(port->tx_cache + port->tx_cache_n, batch, n * sizeof *batch);
                    port->tx_cache_n += (uint16_t)n;
                } else {
                    rte_pktmbuf_free_bulk(batch, n);
                }
                return 0;
            }
            if (done < n && stalled(&stall)) {
                rte_pktmbuf_free_bulk(batch + done, n - done);
                bbu_set_error("send stalled 1 s in the middle of a frame: port %u does not drain", port->port_id);
                return -1;
            }
        }
        sent += n;
        stall = 0;
    }
    port->tx_seq++;
    return 1;
}

int bbu_dpdk_recv_frame(bbu_dpdk_port *port, void *buf, uint32_t cap, uint32_t *len, uint64_t *ts_ns)
{
    if (port == NULL || len == NULL || ts_ns == NULL) {
        bbu_set_error("bbu_dpdk_recv_frame: bad arguments");
        return -1;
    }
    for (;;) {
        if (port->rx_head == port->rx_count) {
            if (port->rx_done_n > 0) {
                rte_pktmbuf_free_bulk(port->rx_done, port->rx_done_n);
                port->rx_done_n = 0;
            }
            port->rx_head = 0;
            port->rx_count = rte_eth_rx_burst(port->port_id, 0, port->rx_buf, BBU_BURST);
            if (port->rx_count == 0)
                return port->peer_closed && !port->in_frame ? -3 : 0;
        }
        struct rte_mbuf *m = port->rx_buf[port->rx_head];
        uint8_t head[BBU_DPDK_FRAGMENT_OVERHEAD];
        const uint8_t *h = m->pkt_len >= BBU_DPDK_FRAGMENT_OVERHEAD
                               ? rte_pktmbuf_read(m, 0, BBU_DPDK_FRAGMENT_OVERHEAD, head)
                               : NULL;
        bbu_frag_hdr hdr;
        if (h != NULL)
            memcpy(&hdr, h + sizeof(struct rte_ether_hdr), sizeof hdr);
        if (h != NULL && hdr.magic == BBU_CLOSE_MAGIC &&
            ((const struct rte_ether_hdr *)h)->ether_type == rte_cpu_to_be_16(BBU_DPDK_ETHERTYPE) &&
            !(port->drop_own && rte_is_same_ether_addr(&((const struct rte_ether_hdr *)h)->src_addr, &port->mac))) {
            release_rx(port, m);
            port->rx_head++;
            port->peer_closed = 1;
            continue; /* frames sent before the close were already taken: it comes last */
        }
        if (h == NULL || ((const struct rte_ether_hdr *)h)->ether_type != rte_cpu_to_be_16(BBU_DPDK_ETHERTYPE) ||
            hdr.magic != BBU_FRAG_MAGIC ||
            (port->drop_own && rte_is_same_ether_addr(&((const struct rte_ether_hdr *)h)->src_addr, &port->mac))) {
            release_rx(port, m); /* not ours (IPv6 neighbour discovery on a veth) or our own, seen by the tap */
            port->rx_head++;
            continue;
        }
        if (!port->in_frame) {
            if (hdr.offset != 0) {
                release_rx(port, m);
                port->rx_head++;
                bbu_set_error("lost the start of frame %u on port %u", hdr.frame_seq, port->port_id);
                return -1;
            }
            if (hdr.frame_len > cap || (buf == NULL && hdr.frame_len > 0)) {
                *len = hdr.frame_len;
                return -2; /* not consumed: the caller comes back with a buffer that fits */
            }
            port->in_frame = 1;
            port->cur_len = hdr.frame_len;
            port->cur_got = 0;
            port->cur_seq = hdr.frame_seq;
            port->cur_ts = hdr.ts_ns;
        } else if (hdr.frame_seq != port->cur_seq || hdr.offset != port->cur_got) {
            port->in_frame = 0;
            bbu_set_error("lost a fragment of frame %u on port %u (got offset %u of frame %u, expected %u)",
                          port->cur_seq, port->port_id, hdr.offset, hdr.frame_seq, port->cur_got);
            return -1; /* the mbuf stays: it may start the next frame */
        }
        uint32_t n = m->pkt_len - BBU_DPDK_FRAGMENT_OVERHEAD;
        if (n > port->cur_len - port->cur_got)
            n = port->cur_len - port->cur_got; /* a NIC pads short frames to 60 B */
        uint8_t *dst = (uint8_t *)buf + port->cur_got;
        const void *src = rte_pktmbuf_read(m, BBU_DPDK_FRAGMENT_OVERHEAD, n, dst);
        if (src != dst && n > 0)
            memcpy(dst, src, n);
        port->cur_got += n;
        release_rx(port, m);
        port->rx_head++;
        if (port->cur_got == port->cur_len) {
            port->in_frame = 0;
            *len = port->cur_len;
            *ts_ns = port->cur_ts;
            return 1;
        }
    }
}

int bbu_dpdk_send_close(bbu_dpdk_port *port)
{
    if (port == NULL) {
        bbu_set_error("null port");
        return -1;
    }
    struct rte_mbuf *m = rte_pktmbuf_alloc(port->pool);
    if (m == NULL)
        return 0;
    bbu_frag_hdr hdr = {0, 0, 0, port->tx_seq, BBU_CLOSE_MAGIC};
    rte_pktmbuf_append(m, BBU_DPDK_FRAGMENT_OVERHEAD);
    bbu_dpdk_fill_eth(port, m, &hdr);
    if (rte_eth_tx_burst(port->port_id, 0, &m, 1) == 1)
        return 1;
    rte_pktmbuf_free(m);
    return 0;
}
