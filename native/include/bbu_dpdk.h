#ifndef BBU_DPDK_H
#define BBU_DPDK_H
/* The DPDK part of libbbupool_native: EAL start-up, port set-up for virtual and PCI devices,
 * framed send/receive over mbufs, the raw rx/tx burst wrappers (inline in DPDK, so .NET cannot
 * call them directly), and the raw C benchmark that is the baseline of `bbupool bench transport`.
 *
 * Built without DPDK (BBU_WITH_DPDK=OFF) the same ABI is served by a loopback backend: ring
 * pairs work in memory, every device kind fails with a message in bbu_last_error(). */
#include <stddef.h>
#include <stdint.h>
#include "bbu_export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bbu_dpdk_port bbu_dpdk_port;

/* One piece of a gathered frame. */
typedef struct bbu_iovec {
    const void *base;
    size_t len;
} bbu_iovec;

/* Result of the raw C benchmarks. */
typedef struct bbu_bench_result {
    double bytes_per_second; /* throughput runs */
    double p50_ns;           /* ping-pong runs: one-way latency (round trip / 2) */
    double p99_ns;
    uint64_t bytes;          /* payload bytes moved */
    double seconds;          /* wall time of the measured part */
} bbu_bench_result;

/* Fragment payload for net_ring and net_memif ports: 16 KiB, so a 64 KiB page batch is 4 mbufs
 * and the mbuf data room (16 KiB + headers + 128 B headroom) stays under DPDK's 64 KiB limit. */
#define BBU_DPDK_DEFAULT_FRAGMENT 16384u
/* Bytes in front of every fragment: Ethernet header (14) + fragment header (24). */
#define BBU_DPDK_FRAGMENT_OVERHEAD 38u
/* Ethertype of our frames: 0x88B5, IEEE "local experimental"; anything else on the wire is dropped. */
#define BBU_DPDK_ETHERTYPE 0x88B5u

/* 1 when built with DPDK, 0 for the loopback backend. */
BBU_API int bbu_dpdk_backend(void);

/* Initialises EAL once per process on a dedicated thread, so the caller's CPU affinity is left
 * as it was (rte_eal_init pins the thread that calls it). argv excludes the program name.
 * Returns 0 when this call initialised EAL, 1 when EAL was already up (arguments ignored),
 * -1 on failure (also on every later call: EAL cannot be initialised twice in a process). */
BBU_API int bbu_dpdk_init(int argc, const char *const *argv);

/* 1 when EAL is up. */
BBU_API int bbu_dpdk_initialized(void);

/* Two ports joined by two SPSC rte_rings (net_ring): what one sends the other receives. One
 * process only. fragment 0 means BBU_DPDK_DEFAULT_FRAGMENT. Returns 0 or -1. */
BBU_API int bbu_dpdk_ring_pair(const char *name, uint32_t fragment, bbu_dpdk_port **first, bbu_dpdk_port **second);

/* A net_memif port on the UNIX socket socket_path: server (1) or client (0). The memif buffer
 * size is set to fragment + overhead, since a bsize smaller than a packet corrupts data. */
BBU_API bbu_dpdk_port *bbu_dpdk_memif_open(const char *socket_path, int server, uint32_t fragment);

/* A net_af_packet port on the kernel interface iface; the fragment is capped to the MTU. */
BBU_API bbu_dpdk_port *bbu_dpdk_af_packet_open(const char *iface, uint32_t fragment);

/* A port on a PCI NIC already bound to a DPDK driver (EAL must run without --no-pci). */
BBU_API bbu_dpdk_port *bbu_dpdk_pci_open(const char *pci_address, uint32_t fragment);

/* 1 when the port's link is up (memif: the peer connected), 0 otherwise, -1 on error. */
BBU_API int bbu_dpdk_link_up(bbu_dpdk_port *port);

/* The fragment payload size in use (frames larger than this span several mbufs). */
BBU_API uint32_t bbu_dpdk_fragment(bbu_dpdk_port *port);

/* The DPDK port id (for logs). */
BBU_API int bbu_dpdk_port_id(bbu_dpdk_port *port);

/* Stops and frees the port; NULL is ignored. */
BBU_API void bbu_dpdk_port_close(bbu_dpdk_port *port);

/* Sends one frame gathered from iov, split into fragments, stamped with ts_ns.
 * Returns 1 when sent, 0 when no mbuf or ring room was free for its first fragments (nothing
 * sent, try again), -1 on error. Once the first burst left, the call waits for room for the
 * rest (bounded: 1 s without progress is an error). One sending thread per port. */
BBU_API int bbu_dpdk_send_frame(bbu_dpdk_port *port, const bbu_iovec *iov, int iovcnt, uint64_t ts_ns);

/* Receives the next frame into buf (cap bytes). Returns 1 when a whole frame is in buf (its
 * length in *len, its sender timestamp in *ts_ns), 0 when none is complete yet (call again
 * with the same buffer: a partial frame is kept), -2 when the next frame needs *len bytes and
 * cap is smaller (nothing consumed; buf NULL and cap 0 peek at the next length), -3 when the peer
 * sent its close and every frame before it was taken, -1 on error (lost fragment). One receiving
 * thread per port. */
BBU_API int bbu_dpdk_recv_frame(bbu_dpdk_port *port, void *buf, uint32_t cap, uint32_t *len, uint64_t *ts_ns);

/* Tells the peer this end is closing (DPDK ports have no end-of-stream): its receive returns -3
 * after the frames sent before. Returns 1 sent, 0 no room (retry), -1 error. */
BBU_API int bbu_dpdk_send_close(bbu_dpdk_port *port);

/* Raw wrappers of rte_eth_tx_burst / rte_eth_rx_burst on queue 0 (struct rte_mbuf ** as void **). */
BBU_API uint16_t bbu_dpdk_tx_burst(bbu_dpdk_port *port, void **mbufs, uint16_t count);
BBU_API uint16_t bbu_dpdk_rx_burst(bbu_dpdk_port *port, void **mbufs, uint16_t count);

/* Runs the benchmark threads below at SCHED_FIFO priority (1-99; 0 = normal scheduling), as the
 * .NET side runs its own, so both sides of a ratio get the same share of a loaded machine. */
BBU_API void bbu_dpdk_bench_set_priority(int fifo_priority);

/* Raw C baseline: tx_cpu's thread copies total_bytes of a source buffer (distinct bytes, like a
 * state image) in frame_bytes frames into mbufs and bursts them 32 at a time; rx_cpu's thread
 * receives and copies each frame out into one frame-size buffer. Returns 0 or -1. */
BBU_API int bbu_dpdk_bench_throughput(bbu_dpdk_port *tx, bbu_dpdk_port *rx, uint64_t total_bytes,
                                      uint32_t frame_bytes, int tx_cpu, int rx_cpu, bbu_bench_result *out);

/* Raw C baseline: ping-pong of frame_bytes between a (on a_cpu) and b (on b_cpu), iterations
 * round trips; p50/p99 are one-way (round trip / 2). Returns 0 or -1. */
BBU_API int bbu_dpdk_bench_pingpong(bbu_dpdk_port *a, bbu_dpdk_port *b, uint32_t frame_bytes,
                                    uint32_t iterations, int a_cpu, int b_cpu, bbu_bench_result *out);

#ifdef __cplusplus
}
#endif
#endif
