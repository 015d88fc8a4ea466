#ifndef BBU_DPDK_PORT_H
#define BBU_DPDK_PORT_H
/* The port object behind bbu_dpdk_port *, shared by the DPDK sources (not exported). */
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include "bbu_dpdk.h"

/* Fragment header after the Ethernet header; 24 bytes, little-endian host order (same host or
 * same-endian peers only, which is every x86/ARM server of the pool). */
typedef struct bbu_frag_hdr {
    uint32_t frame_len; /* whole frame payload */
    uint32_t offset;    /* of this fragment's payload in the frame */
    uint64_t ts_ns;     /* sender's CLOCK_MONOTONIC when it sent the frame */
    uint32_t frame_seq; /* per port, to detect a lost fragment (af_packet may drop) */
    uint32_t magic;
} bbu_frag_hdr;

#define BBU_FRAG_MAGIC 0xBB0F7A6Du
/* A fragment with this magic says "the sender closed": DPDK ports have no end-of-stream of their own. */
#define BBU_CLOSE_MAGIC 0xBB0FC105u
/* Burst size: 32 mbufs, DPDK's usual burst, amortises one ring operation over 32 packets. */
#define BBU_BURST 32

typedef struct bbu_ring_pair_shared bbu_ring_pair_shared;

struct bbu_dpdk_port {
    uint16_t port_id;
    uint32_t fragment;
    struct rte_mempool *pool;
    struct rte_ether_addr mac;
    char dev_name[64];
    int drop_own;               /* af_packet/PCI: a packet tap also sees what we send */
    bbu_ring_pair_shared *pair; /* net_ring pairs share rings and pools until both ends close */
    /* receive side: a burst being consumed and the frame being reassembled */
    struct rte_mbuf *rx_buf[BBU_BURST];
    uint16_t rx_head;
    uint16_t rx_count;
    int in_frame;
    int peer_closed;
    uint32_t cur_len;
    uint32_t cur_got;
    uint32_t cur_seq;
    uint64_t cur_ts;
    struct rte_mbuf *rx_done[BBU_BURST]; /* consumed mbufs, freed in one bulk call */
    uint16_t rx_done_n;
    /* send side */
    uint32_t tx_seq;
    struct rte_mbuf *tx_cache[BBU_BURST]; /* mbufs allocated 32 at a time, handed out one by one */
    uint16_t tx_cache_n;
};

int bbu_dpdk_port_setup(bbu_dpdk_port *port, uint16_t port_id, uint32_t fragment, uint32_t min_room, const char *pool_name, unsigned mbufs);
void bbu_dpdk_port_flush(bbu_dpdk_port *port);
void bbu_dpdk_fill_eth(bbu_dpdk_port *port, struct rte_mbuf *m, const bbu_frag_hdr *hdr);
#endif
