#ifndef TEST_COMMON_H
#define TEST_COMMON_H
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bbu_dpdk.h"
#include "bbu_error.h"

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, \
                    #cond, bbu_last_error());                                                \
            exit(1);                                                                         \
        }                                                                                    \
    } while (0)

/* The EAL arguments every test uses: virtual devices only, no hugepages, no shared files. */
static inline int test_eal_up(int lcore)
{
    char l[16];
    snprintf(l, sizeof l, "%d", lcore);
    const char *argv[] = {"--no-huge", "--no-pci", "-m", "256", "--no-shconf", "--no-telemetry",
                          "--log-level=lib.eal:error", "-l", l};
    return bbu_dpdk_init((int)(sizeof argv / sizeof argv[0]), argv);
}

static inline uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return *s = x;
}

static inline uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* Fills a frame with random bytes after an 8-byte FNV-1a checksum of the rest. */
static inline void fill_frame(uint8_t *p, uint32_t len, uint64_t *seed)
{
    for (uint32_t i = 8; i < len; i++)
        p[i] = (uint8_t)xorshift(seed);
    if (len >= 8) {
        uint64_t h = fnv1a(p + 8, len - 8);
        memcpy(p, &h, 8);
    }
}

static inline int frame_ok(const uint8_t *p, uint32_t len)
{
    if (len < 8)
        return 1;
    uint64_t h;
    memcpy(&h, p, 8);
    return h == fnv1a(p + 8, len - 8);
}

/* A random frame length: 8 B to 96 KiB, and every 16th frame a 64 KiB page batch. */
static inline uint32_t random_len(uint64_t *seed, uint32_t i)
{
    return (i % 16 == 0) ? 65536u : 8u + (uint32_t)(xorshift(seed) % (96u * 1024u));
}
#endif
