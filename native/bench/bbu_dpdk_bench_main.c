/* bbu_dpdk_bench: the shim's raw C baseline on a net_ring pair, runnable on its own:
 *   native/build/bin/bbu_dpdk_bench [MiB=64] [frame=8192] [tx_cpu=0] [rx_cpu=1]
 * prints throughput for the frame size and ping-pong one-way latency for 64 B frames. */
#include <stdio.h>
#include <stdlib.h>
#include "bbu_dpdk.h"
#include "bbu_error.h"

int main(int argc, char **argv)
{
    unsigned long long mib = argc > 1 ? strtoull(argv[1], NULL, 10) : 64;
    unsigned frame = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 8192;
    int tx_cpu = argc > 3 ? atoi(argv[3]) : 0, rx_cpu = argc > 4 ? atoi(argv[4]) : 1;
    const char *eal[] = {"--no-huge", "--no-pci", "-m", "256", "--no-shconf", "--no-telemetry",
                         "--log-level=lib.eal:error", "-l", "0"};
    if (bbu_dpdk_init(9, eal) < 0 || !bbu_dpdk_backend()) {
        fprintf(stderr, "DPDK unavailable: %s\n", bbu_dpdk_backend() ? bbu_last_error() : "loopback backend");
        return 1;
    }
    bbu_dpdk_port *a, *b;
    if (bbu_dpdk_ring_pair("bench", 0, &a, &b) < 0) {
        fprintf(stderr, "%s\n", bbu_last_error());
        return 1;
    }
    bbu_bench_result r;
    for (int round = 0; round < 3; round++) {
        if (bbu_dpdk_bench_throughput(a, b, mib << 20, frame, tx_cpu, rx_cpu, &r) < 0) {
            fprintf(stderr, "%s\n", bbu_last_error());
            return 1;
        }
        printf("net_ring raw C: %llu MiB in %u B frames: %.2f GB/s\n", mib, frame, r.bytes_per_second / 1e9);
    }
    if (bbu_dpdk_bench_pingpong(a, b, 64, 100000, tx_cpu, rx_cpu, &r) < 0) {
        fprintf(stderr, "%s\n", bbu_last_error());
        return 1;
    }
    printf("net_ring raw C ping-pong 64 B: one-way p50 %.0f ns, p99 %.0f ns\n", r.p50_ns, r.p99_ns);
    bbu_dpdk_port_close(a);
    bbu_dpdk_port_close(b);
    return 0;
}
