/* net_memif between two processes (fork before EAL init: one EAL per process): the parent is the
 * memif server and sends frames up to 64 KiB, the child is the client and echoes them; every echo
 * must match (bsize is sized from the fragment). One process cannot hold both roles on one socket
 * path: the memif PMD shares a socket object per path, and the two roles then race (measured). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test_common.h"

#define FRAMES 64

static bbu_dpdk_port *open_linked(const char *path, int server)
{
    bbu_dpdk_port *port = bbu_dpdk_memif_open(path, server, 0);
    CHECK(port != NULL);
    uint64_t deadline = bbu_now_ns() + 10000000000ull;
    while (bbu_dpdk_link_up(port) != 1) {
        CHECK(bbu_now_ns() < deadline);
        usleep(1000);
    }
    return port;
}

static int recv_one(bbu_dpdk_port *port, uint8_t *buf, uint32_t *len)
{
    uint64_t ts = 0, deadline = bbu_now_ns() + 10000000000ull;
    int rc;
    while ((rc = bbu_dpdk_recv_frame(port, buf, 65536, len, &ts)) == 0)
        CHECK(bbu_now_ns() < deadline);
    return rc;
}

static void send_one(bbu_dpdk_port *port, const uint8_t *buf, uint32_t len)
{
    bbu_iovec iov = {buf, len};
    int rc;
    while ((rc = bbu_dpdk_send_frame(port, &iov, 1, bbu_now_ns())) == 0)
        ;
    CHECK(rc == 1);
}

int main(void)
{
    if (!bbu_dpdk_backend()) {
        CHECK(bbu_dpdk_memif_open("/tmp/x.sock", 1, 0) == NULL);
        printf("loopback backend: memif reports '%s'\n", bbu_last_error());
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/tmp/bbu-ctest-memif-%d.sock", (int)getpid());
    unlink(path); /* a stale socket from a killed run with the same pid would refuse the server */
    pid_t child = fork();
    CHECK(child >= 0);
    uint8_t *out = malloc(65536), *in = malloc(65536);
    if (child == 0) {
        CHECK(test_eal_up(1) == 0);
        usleep(100000); /* let the server create the socket first; the client also retries */
        bbu_dpdk_port *client = open_linked(path, 0);
        for (int i = 0; i < FRAMES; i++) {
            uint32_t len = 0;
            CHECK(recv_one(client, in, &len) == 1);
            send_one(client, in, len);
        }
        uint32_t len;
        CHECK(recv_one(client, in, &len) == -3); /* the server's close */
        bbu_dpdk_port_close(client);
        _exit(0);
    }
    CHECK(test_eal_up(0) == 0);
    bbu_dpdk_port *server = open_linked(path, 1);
    uint64_t seed = 3;
    for (uint32_t i = 0; i < FRAMES; i++) {
        uint32_t len = i == 0 ? 65536u : 8u + (uint32_t)(xorshift(&seed) % 65528u);
        fill_frame(out, len, &seed);
        send_one(server, out, len);
        uint32_t got = 0;
        CHECK(recv_one(server, in, &got) == 1);
        CHECK(got == len);
        CHECK(memcmp(in, out, len) == 0 && frame_ok(in, len));
    }
    while (bbu_dpdk_send_close(server) == 0)
        ;
    int status = 0;
    CHECK(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    printf("memif: %d frames echoed between two processes\n", FRAMES);
    bbu_dpdk_port_close(server);
    unlink(path);
    free(out), free(in);
    return 0;
}
