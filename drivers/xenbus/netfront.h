/*
 * Inside netfront: the device both halves share. netfront_xs.c finds the vifs in
 * xenstore and does the handshake; netfront.c owns the rings and the data path.
 *
 * Buffers are granted once, when the device is set up, and stay granted: with
 * grant copy (request-rx-copy) the backend only ever copies into or out of them
 * while a request names them, so revoking and granting again per frame would buy
 * nothing but two table writes.
 *   transmit: NF_TX_BUFS buffers of 2 KiB, two per page, one read-only grant a page;
 *   receive:  NF_RX_BUFS whole pages (the protocol hands the backend a page and lets
 *             it choose the offset), one writable grant each.
 */
#ifndef DRIVERS_XENBUS_NETFRONT_H
#define DRIVERS_XENBUS_NETFRONT_H

#include <stdint.h>

#include <pvkit/net.h>
#include <xen/io/netif.h>

/* 32 frames each way: more than lwIP's 22-segment TCP window in flight, and well
 * inside the 256-slot rings. */
#define NF_TX_BUFS	32
#define NF_RX_BUFS	32
#define NF_TX_BUF_SIZE	2048
#define NF_TX_PAGES	(NF_TX_BUFS * NF_TX_BUF_SIZE / 4096)
#define NF_MTU		1500

struct netfront {
	struct pv_net net;
	unsigned id, backend_id;
	char dir[32];			/* device/vif/<id> */
	char backend[80];		/* the backend's directory */
	struct netif_tx_sring *txs;
	struct netif_rx_sring *rxs;
	int tx_ring_ref, rx_ring_ref;
	unsigned port;
	/* Private ring indices: the shared ones are written, never read back. */
	RING_IDX tx_prod, tx_cons, rx_prod, rx_cons;
	uint8_t *tx, *rx;		/* NF_TX_PAGES and NF_RX_BUFS pages */
	int tx_gref[NF_TX_PAGES], rx_gref[NF_RX_BUFS];
	uint8_t tx_busy[NF_TX_BUFS];	/* 1 while the backend holds the buffer */
	uint8_t tx_free[NF_TX_BUFS];	/* stack of free transmit buffers */
	unsigned ntx_free;
	unsigned long rx_dropped, tx_errors;
	int dead;
	char name[16];
};

/* netfront.c: allocate and grant the rings and buffers to nf->backend_id (0 or
 * -ENOMEM/-ENOSPC), then, once the backend is connected, post every receive
 * buffer and make nf->net usable (register it afterwards). */
int netfront_rings_init(struct netfront *nf);
void netfront_start(struct netfront *nf);
/* The event channel's handler. */
void netfront_event(unsigned port, void *arg);

#endif
