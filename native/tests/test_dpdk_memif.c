/* net_memif server and client in one process: frames up to 64 KiB cross intact (bsize is
 * sized from the fragment), so the two-process set-up of the .NET tests rests on a checked port. */
#include <unistd.h>
#include "test_common.h"

int main(void)
{
    if (!bbu_dpdk_backend()) {
        CHECK(bbu_dpdk_memif_open("/tmp/x.sock", 1, 0) == NULL);
        printf("loopback backend: memif reports '%s'\n", bbu_last_error());
        return 0;
    }
    CHECK(test_eal_up(1) == 0);
    char path[64];
    snprintf(path, sizeof path, "/tmp/bbu-ctest-memif-%d.sock", (int)getpid());
    bbu_dpdk_port *server = bbu_dpdk_memif_open(path, 1, 0);
    CHECK(server != NULL);
    bbu_dpdk_port *client = bbu_dpdk_memif_open(path, 0, 0);
    CHECK(client != NULL);
    uint64_t deadline = bbu_now_ns() + 5000000000ull;
    while (!(bbu_dpdk_link_up(server) == 1 && bbu_dpdk_link_up(client) == 1)) {
        CHECK(bbu_now_ns() < deadline);
        usleep(1000);
    }
    uint8_t *out = malloc(65536), *in = malloc(65536);
    uint64_t seed = 3;
    for (uint32_t i = 0; i < 64; i++) {
        uint32_t len = i == 0 ? 65536u : 8u + (uint32_t)(xorshift(&seed) % 65528u);
        fill_frame(out, len, &seed);
        bbu_iovec iov = {out, len};
        int rc;
        while ((rc = bbu_dpdk_send_frame(client, &iov, 1, bbu_now_ns())) == 0)
            ;
        CHECK(rc == 1);
        uint32_t got = 0;
        uint64_t ts = 0;
        while ((rc = bbu_dpdk_recv_frame(server, in, 65536, &got, &ts)) == 0)
            CHECK(bbu_now_ns() < deadline + 5000000000ull);
        CHECK(rc == 1);
        CHECK(got == len);
        CHECK(memcmp(in, out, len) == 0 && frame_ok(in, len));
    }
    printf("memif: 64 frames ok\n");
    bbu_dpdk_port_close(client);
    bbu_dpdk_port_close(server);
    unlink(path);
    free(out), free(in);
    return 0;
}
