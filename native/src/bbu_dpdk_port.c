#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include "bbu_dpdk_port.h"
#include "bbu_error.h"
#include "bbu_internal.h"

/* 2047 mbufs per port (a power of two minus one, the mempool's sweet spot): with 16 KiB
 * fragments that is 33 MiB, so a ring pair plus a memif port fit in EAL's -m 256. */
#define BBU_POOL_MBUFS 2047u
/* 1024 descriptors per queue, and 1024-slot rings for net_ring: 16 MiB in flight per direction. */
#define BBU_QUEUE_DESC 1024u

struct bbu_ring_pair_shared {
    struct rte_ring *rings[2];
    bbu_dpdk_port *ports[2];
    int open_ports;
};

static unsigned g_counter; /* unique names for pools and vdevs */

static int check_eal(void)
{
    if (!bbu_dpdk_initialized()) {
        bbu_set_error("EAL is not initialised: call bbu_dpdk_init first");
        return -1;
    }
    return 0;
}

static uint32_t fragment_or_default(uint32_t fragment)
{
    return fragment == 0 ? BBU_DPDK_DEFAULT_FRAGMENT : fragment;
}

int bbu_dpdk_port_setup(bbu_dpdk_port *port, uint16_t port_id, uint32_t fragment, uint32_t min_room, const char *pool_name, unsigned mbufs)
{
    port->port_id = port_id;
    port->fragment = fragment;
    uint32_t room = RTE_PKTMBUF_HEADROOM + BBU_DPDK_FRAGMENT_OVERHEAD + fragment;
    if (room < RTE_PKTMBUF_HEADROOM + min_room)
        room = RTE_PKTMBUF_HEADROOM + min_room;
    if (room > UINT16_MAX) {
        bbu_set_error("fragment %u too large: mbuf data room %u exceeds 65535", fragment, room);
        return -1;
    }
    /* cache 0: the sending and receiving threads are not EAL lcores, so a per-lcore cache
     * would never be used. */
    port->pool = rte_pktmbuf_pool_create(pool_name, mbufs, 0, 0, (uint16_t)room, SOCKET_ID_ANY);
    if (port->pool == NULL) {
        bbu_set_error("rte_pktmbuf_pool_create(%s, %u x %u B) failed: %s", pool_name, mbufs, room, rte_strerror(rte_errno));
        return -1;
    }
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof conf);
    int rc = rte_eth_dev_configure(port_id, 1, 1, &conf);
    if (rc == 0)
        rc = rte_eth_rx_queue_setup(port_id, 0, BBU_QUEUE_DESC, SOCKET_ID_ANY, NULL, port->pool);
    if (rc == 0)
        rc = rte_eth_tx_queue_setup(port_id, 0, BBU_QUEUE_DESC, SOCKET_ID_ANY, NULL);
    if (rc == 0)
        rc = rte_eth_dev_start(port_id);
    if (rc != 0) {
        bbu_set_error("port %u set-up failed: %s", port_id, rte_strerror(-rc));
        return -1;
    }
    rte_eth_promiscuous_enable(port_id); /* af_packet/PCI: our frames go to broadcast; harmless elsewhere */
    rte_eth_macaddr_get(port_id, &port->mac);
    return 0;
}

static void free_port_memory(bbu_dpdk_port *port)
{
    bbu_dpdk_port_flush(port);
    for (uint16_t i = port->rx_head; i < port->rx_count; i++)
        rte_pktmbuf_free(port->rx_buf[i]);
    port->rx_head = port->rx_count = 0;
}

int bbu_dpdk_ring_pair(const char *name, uint32_t fragment, bbu_dpdk_port **first, bbu_dpdk_port **second)
{
    if (check_eal() < 0)
        return -1;
    if (first == NULL || second == NULL || name == NULL) {
        bbu_set_error("bbu_dpdk_ring_pair: null argument");
        return -1;
    }
    fragment = fragment_or_default(fragment);
    unsigned id = __atomic_fetch_add(&g_counter, 1, __ATOMIC_RELAXED);
    bbu_ring_pair_shared *shared = calloc(1, sizeof *shared);
    bbu_dpdk_port *p[2] = {calloc(1, sizeof(bbu_dpdk_port)), calloc(1, sizeof(bbu_dpdk_port))};
    if (shared == NULL || p[0] == NULL || p[1] == NULL) {
        free(shared), free(p[0]), free(p[1]);
        bbu_set_error("out of memory");
        return -1;
    }
    char buf[64];
    for (int i = 0; i < 2; i++) {
        snprintf(buf, sizeof buf, "bbu_r%u_%d", id, i);
        /* SPSC: one sending thread and one receiving thread per direction. */
        shared->rings[i] = rte_ring_create(buf, BBU_QUEUE_DESC, SOCKET_ID_ANY, RING_F_SP_ENQ | RING_F_SC_DEQ);
        if (shared->rings[i] == NULL) {
            bbu_set_error("rte_ring_create(%s) failed: %s", buf, rte_strerror(rte_errno));
            return -1;
        }
    }
    for (int i = 0; i < 2; i++) {
        /* The device name must start with net_ring (the vdev bus picks the driver by prefix) and
         * stay short: the PMD derives memzone names from it, and those are capped at 32 bytes.
         * The caller's name only goes into logs. */
        snprintf(p[i]->dev_name, sizeof p[i]->dev_name, "net_ring_b%u_%d", id, i);
        struct rte_ring *rx = shared->rings[1 - i], *tx = shared->rings[i];
        int port_id = rte_eth_from_rings(p[i]->dev_name, &rx, 1, &tx, 1, SOCKET_ID_ANY);
        if (port_id < 0) {
            bbu_set_error("rte_eth_from_rings(%s) failed: %s (is librte_net_ring linked?)", p[i]->dev_name, rte_strerror(rte_errno));
            return -1;
        }
        snprintf(buf, sizeof buf, "bbu_rp%u_%d", id, i);
        if (bbu_dpdk_port_setup(p[i], (uint16_t)port_id, fragment, 0, buf, BBU_POOL_MBUFS) < 0)
            return -1;
        p[i]->pair = shared;
        shared->ports[i] = p[i];
    }
    shared->open_ports = 2;
    *first = p[0];
    *second = p[1];
    return 0;
}

static bbu_dpdk_port *open_vdev(const char *driver, const char *args, uint32_t fragment, uint32_t min_room)
{
    if (check_eal() < 0)
        return NULL;
    unsigned id = __atomic_fetch_add(&g_counter, 1, __ATOMIC_RELAXED);
    bbu_dpdk_port *port = calloc(1, sizeof *port);
    if (port == NULL) {
        bbu_set_error("out of memory");
        return NULL;
    }
    snprintf(port->dev_name, sizeof port->dev_name, "%s%u", driver, id);
    int rc = rte_vdev_init(port->dev_name, args);
    if (rc != 0) {
        bbu_set_error("rte_vdev_init(%s, \"%s\") failed: %s", port->dev_name, args, rte_strerror(rc < 0 ? -rc : rc));
        free(port);
        return NULL;
    }
    uint16_t port_id;
    if (rte_eth_dev_get_port_by_name(port->dev_name, &port_id) != 0) {
        bbu_set_error("no ethdev for %s", port->dev_name);
        rte_vdev_uninit(port->dev_name);
        free(port);
        return NULL;
    }
    char pool[64];
    snprintf(pool, sizeof pool, "bbu_vp%u", id);
    if (bbu_dpdk_port_setup(port, port_id, fragment, min_room, pool, BBU_POOL_MBUFS) < 0) {
        bbu_dpdk_port_close(port);
        return NULL;
    }
    return port;
}

bbu_dpdk_port *bbu_dpdk_memif_open(const char *socket_path, int server, uint32_t fragment)
{
    if (socket_path == NULL) {
        bbu_set_error("bbu_dpdk_memif_open: null socket path");
        return NULL;
    }
    fragment = fragment_or_default(fragment);
    /* bsize >= the largest packet (fragment + headers), rounded up to 64 B: a smaller bsize
     * makes memif corrupt data and ping-pong hang (measured). rsize 10: 1024 slots. */
    uint32_t bsize = (BBU_DPDK_FRAGMENT_OVERHEAD + fragment + 63u) & ~63u;
    char args[512];
    snprintf(args, sizeof args, "role=%s,id=0,socket=%s,socket-abstract=no,bsize=%u,rsize=10",
             server ? "server" : "client", socket_path, bsize);
    return open_vdev("net_memif", args, fragment, 0);
}

bbu_dpdk_port *bbu_dpdk_af_packet_open(const char *iface, uint32_t fragment)
{
    if (iface == NULL) {
        bbu_set_error("bbu_dpdk_af_packet_open: null interface");
        return NULL;
    }
    char args[256];
    /* framesz 2048 holds a 1514 B Ethernet frame plus the tpacket header; 512 frames per ring. */
    snprintf(args, sizeof args, "iface=%s,qpairs=1,blocksz=4096,framesz=2048,framecnt=512,qdisc_bypass=0", iface);
    /* The kernel interface carries at most its MTU (1500 on a fresh veth): fragment + 24 B header. */
    uint32_t cap = 1500u - (BBU_DPDK_FRAGMENT_OVERHEAD - 14u);
    fragment = fragment == 0 || fragment > cap ? cap : fragment;
    /* af_packet refuses an rx pool whose mbufs are smaller than its 2048 B frames (ENOMEM). */
    bbu_dpdk_port *port = open_vdev("net_af_packet", args, fragment, 2048);
    if (port != NULL)
        port->drop_own = 1;
    return port;
}

bbu_dpdk_port *bbu_dpdk_pci_open(const char *pci_address, uint32_t fragment)
{
    if (check_eal() < 0)
        return NULL;
    uint16_t port_id;
    if (pci_address == NULL || rte_eth_dev_get_port_by_name(pci_address, &port_id) != 0) {
        bbu_set_error("no DPDK port for PCI device %s (bound to vfio-pci? EAL started without --no-pci?)",
                      pci_address ? pci_address : "(null)");
        return NULL;
    }
    bbu_dpdk_port *port = calloc(1, sizeof *port);
    if (port == NULL) {
        bbu_set_error("out of memory");
        return NULL;
    }
    uint16_t mtu = 1500;
    rte_eth_dev_get_mtu(port_id, &mtu);
    uint32_t cap = (uint32_t)mtu - (BBU_DPDK_FRAGMENT_OVERHEAD - 14u);
    fragment = fragment == 0 || fragment > cap ? cap : fragment;
    char pool[64];
    snprintf(pool, sizeof pool, "bbu_pp%u", __atomic_fetch_add(&g_counter, 1, __ATOMIC_RELAXED));
    if (bbu_dpdk_port_setup(port, port_id, fragment, 2048, pool, BBU_POOL_MBUFS) < 0) {
        free(port);
        return NULL;
    }
    port->drop_own = 1;
    return port;
}

int bbu_dpdk_link_up(bbu_dpdk_port *port)
{
    if (port == NULL) {
        bbu_set_error("null port");
        return -1;
    }
    struct rte_eth_link link;
    if (rte_eth_link_get_nowait(port->port_id, &link) != 0) {
        bbu_set_error("rte_eth_link_get_nowait failed on port %u", port->port_id);
        return -1;
    }
    return link.link_status == RTE_ETH_LINK_UP;
}

uint32_t bbu_dpdk_fragment(bbu_dpdk_port *port) { return port ? port->fragment : 0; }

int bbu_dpdk_port_id(bbu_dpdk_port *port) { return port ? port->port_id : -1; }

void bbu_dpdk_port_close(bbu_dpdk_port *port)
{
    if (port == NULL)
        return;
    free_port_memory(port);
    rte_eth_dev_stop(port->port_id);
    rte_eth_dev_close(port->port_id);
    if (port->dev_name[0] != '\0')
        rte_vdev_uninit(port->dev_name); /* a no-op once close released the port */
    bbu_ring_pair_shared *shared = port->pair;
    if (shared != NULL) {
        /* The two ports' mbufs travel through both rings: free rings and pools with the last end. */
        static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
        pthread_mutex_lock(&lock);
        int last = --shared->open_ports == 0;
        pthread_mutex_unlock(&lock);
        if (!last)
            return; /* the port object stays until the last end, which frees both pools */
        void *m;
        for (int i = 0; i < 2; i++) {
            while (rte_ring_dequeue(shared->rings[i], &m) == 0)
                rte_pktmbuf_free(m);
            rte_ring_free(shared->rings[i]);
        }
        for (int i = 0; i < 2; i++) {
            rte_mempool_free(shared->ports[i]->pool);
            free(shared->ports[i]);
        }
        free(shared);
        return;
    }
    rte_mempool_free(port->pool);
    free(port);
}
