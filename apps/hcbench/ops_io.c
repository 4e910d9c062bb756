/*
 * I/O through the runtime's generic device interfaces (include/pvkit/blk.h, net.h),
 * whatever driver is behind them: virtio-blk and virtio-net on bare QEMU or KVM, the
 * xenbus blkfront and netfront on a Xen-compatible hypervisor. hcbench does not know
 * which: the same code measures whichever device the DT gave it.
 *   blk_read_4k  pv_blk_read() of 4 KiB at sector 0: submit, the device's interrupt,
 *                completion, in a thread that waits
 *   net_rtt      an ARP request for the user-network gateway (10.0.2.2, which QEMU's
 *                slirp answers) sent with the driver's send(), until the reply came
 *                through its poll(); waits in WFI for the device's interrupt
 * While the guest waits in WFI with no timer armed, -icount shift=0,sleep=off stops
 * virtual time, so the figures count the guest's instructions and the device
 * registers it touched, not the host's I/O latency (docs/BENCH.md).
 */
#include <stddef.h>
#include <string.h>

#include <pvkit/blk.h>
#include <pvkit/net.h>
#include "hcbench.h"

#define NET_GATEWAY	0x0a000202u	/* 10.0.2.2: QEMU user networking's gateway */
#define NET_SELF	0x0a00020fu	/* 10.0.2.15: the address slirp hands out first */

static struct pv_blk *blk;
static uint8_t blk_buf[4096] __attribute__((aligned(4096)));

static const char *no_device(const struct bench_env *env, const char *what)
{
	if (env->hv->xen_conduit)
		return what[0] == 'b' ?
		       "no block device: the hypervisor gave this domain no vbd (xenstore "
		       "device/vbd) and the DT has no virtio-blk" :
		       "no network device: the hypervisor gave this domain no vif (xenstore "
		       "device/vif) and the DT has no virtio-net";
	return what[0] == 'b' ? "no block device in the DT (bench/run gives bare QEMU one)" :
				"no network device in the DT (bench/run gives bare QEMU one)";
}

static const char *prepare_blk(const struct bench_env *env, uint64_t *ctx)
{
	if (env->floor)
		return "the floor measures only the trap round trip";
	if (!(blk = pv_blk_get(0)))
		return no_device(env, "blk");
	if (blk->info.sectors < 8)
		return "the block device is smaller than 4 KiB";
	if (pv_blk_read(blk, 0, blk_buf, sizeof(blk_buf)))
		return "the first 4 KiB read failed";
	return NULL;
}

static void run_blk(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++)
		pv_blk_read(blk, 0, blk_buf, sizeof(blk_buf));
}

/* net_rtt: one ARP request out, wait for the reply. */
static struct pv_net *net;
static volatile uint64_t replies, notified;
static uint8_t arp_req[42];

static void net_rx(struct pv_net *n, const void *frame, size_t len, void *arg)
{
	const uint8_t *f = frame;

	/* ARP (0x0806) reply (op 2) from the gateway */
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[20] == 0 && f[21] == 2 &&
	    !memcmp(f + 28, arp_req + 38, 4))
		replies++;
}

static void net_notify(struct pv_net *n, void *arg)
{
	notified++;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static int net_round_trip(void)
{
	struct pv_iov iov = { arp_req, sizeof(arp_req) };
	uint64_t want = replies + 1;

	if (net->ops->send(net, &iov, 1))
		return -1;
	for (unsigned spins = 0; replies != want; spins++) {
		uint64_t seen = notified;

		net->ops->poll(net, 8);
		if (replies == want)
			break;
		__asm__ volatile("msr daifset, #2" ::: "memory");
		if (notified == seen)
			__asm__ volatile("wfi" ::: "memory");
		__asm__ volatile("msr daifclr, #2" ::: "memory");
		if (spins > 1000000)
			return -1;
	}
	return 0;
}

static const char *prepare_net(const struct bench_env *env, uint64_t *ctx)
{
	static const uint8_t arp_head[] = { 0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, 1 };

	if (env->floor)
		return "the floor measures only the trap round trip";
	if (!(net = pv_net_get(0)))
		return no_device(env, "net");
	memset(arp_req, 0xff, 6);			/* broadcast */
	memcpy(arp_req + 6, net->info.mac, 6);
	memcpy(arp_req + 12, arp_head, sizeof(arp_head));
	memcpy(arp_req + 22, net->info.mac, 6);		/* sender */
	put32(arp_req + 28, NET_SELF);
	memset(arp_req + 32, 0, 6);			/* target MAC: unknown */
	put32(arp_req + 38, NET_GATEWAY);
	net->rx = net_rx;
	net->notify = net_notify;
	if (net_round_trip())
		return "no ARP reply from 10.0.2.2 (needs QEMU user networking)";
	return NULL;
}

static void run_net(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++)
		net_round_trip();
}

const struct op io_ops[] = {
	{ .name = "blk_read_4k", .prepare = prepare_blk, .run = run_blk,
	  .what = "pv_blk_read() of 4 KiB (include/pvkit/blk.h: virtio-blk on bare QEMU, "
		  "blkfront on a Xen-compatible hypervisor), request to completion, waiting in WFI" },
	{ .name = "net_rtt", .prepare = prepare_net, .run = run_net,
	  .what = "an ARP request to the gateway and its reply through include/pvkit/net.h "
		  "(virtio-net on bare QEMU, netfront on a Xen-compatible hypervisor), waiting in WFI" },
	{ 0 }
};
