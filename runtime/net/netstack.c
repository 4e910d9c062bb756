/* Bringing up lwIP on the first network device (include/pvkit/netstack.h). */
#include <errno.h>

#include <lwip/dhcp.h>
#include <lwip/netif.h>
#include <lwip/tcpip.h>

#include <pvkit/log.h>
#include <pvkit/net.h>
#include <pvkit/netstack.h>
#include <pvkit/sysinfo.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include "ipconf.h"
#include "netif.h"

static struct netif nif;
static struct pv_waitq bound_wq = PV_WAITQ_INIT;
static const char *dev_name;
static int started, is_dhcp;

/* lwIP calls this (core locked) whenever the address changes: DHCP bound, renewed
 * with another address, or set statically. */
static void status_changed(struct netif *netif)
{
	char a[16], g[16];
	uint32_t addr = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(netif)));
	uint32_t mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(netif)));
	uint32_t gw = lwip_ntohl(ip4_addr_get_u32(netif_ip4_gw(netif)));

	if (!addr)
		return;
	pv_info("net: %s %s/%d gw %s (%s)", dev_name, ipconf_fmt(addr, a),
		ipconf_prefix_len(mask), ipconf_fmt(gw, g), is_dhcp ? "dhcp" : "static");
	pv_wake_all(&bound_wq);
}

static void tcpip_ready(void *arg)
{
	struct pv_waitq *wq = arg;

	started = 1;
	pv_wake_all(wq);
}

static int start_tcpip(void)
{
	struct pv_waitq wq = PV_WAITQ_INIT;

	tcpip_init(tcpip_ready, &wq);
	while (!started)
		pv_wait(&wq, 0);
	return 0;
}

static int read_config(struct ipconf *conf)
{
	char ip[40], gw[40], err[120];
	const char *ipv = pv_bootarg("ip", ip, sizeof(ip));
	const char *gwv = pv_bootarg("gw", gw, sizeof(gw));

	if (ipconf_parse(ipv, gwv, conf, err, sizeof(err))) {
		pv_err("net: bootargs: %s", err);
		return -EINVAL;
	}
	return 0;
}

static void fill(struct pv_netstack_addr *out)
{
	if (!out)
		return;
	out->addr = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(&nif)));
	out->mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(&nif)));
	out->gw = lwip_ntohl(ip4_addr_get_u32(netif_ip4_gw(&nif)));
	out->dhcp = is_dhcp;
	out->dev = dev_name;
}

int pv_netstack_start(unsigned timeout_ms, struct pv_netstack_addr *out)
{
	struct pv_net *dev = pv_net_get(0);
	struct ipconf conf;
	ip4_addr_t addr, mask, gw;
	void *state;
	int err;

	if (started) {
		pv_err("net: pv_netstack_start called twice");
		return -EINVAL;
	}
	start_tcpip();
	if (!dev) {
		pv_info("net: no network device; only 127.0.0.1 is up");
		return -ENODEV;
	}
	if ((err = read_config(&conf)))
		return err;
	if (!(state = pvnetif_create(dev))) {
		pv_err("net: %s: no memory for the interface", dev->info.name);
		return -ENOMEM;
	}
	dev_name = dev->info.name;
	is_dhcp = conf.dhcp;
	ip4_addr_set_u32(&addr, lwip_htonl(conf.addr));
	ip4_addr_set_u32(&mask, lwip_htonl(conf.mask));
	ip4_addr_set_u32(&gw, lwip_htonl(conf.gw));

	LOCK_TCPIP_CORE();
	if (!netif_add(&nif, &addr, &mask, &gw, state, pvnetif_init, tcpip_input)) {
		UNLOCK_TCPIP_CORE();
		pv_err("net: %s: could not attach the interface", dev_name);
		return -ENOMEM;
	}
	netif_set_hostname(&nif, "pvkit");
	netif_set_status_callback(&nif, status_changed);
	netif_set_default(&nif);
	netif_set_up(&nif);
	if (conf.dhcp)
		err = dhcp_start(&nif) == ERR_OK ? 0 : -ENOMEM;
	UNLOCK_TCPIP_CORE();
	if (err) {
		pv_err("net: %s: DHCP could not start (out of memory)", dev_name);
		return err;
	}

	uint64_t deadline = pv_now_ns() + (uint64_t)timeout_ms * 1000000;

	while (ip4_addr_isany_val(*netif_ip4_addr(&nif))) {
		if (pv_wait(&bound_wq, deadline) < 0 &&
		    ip4_addr_isany_val(*netif_ip4_addr(&nif))) {
			pv_warn("net: %s: no DHCP lease after %u ms; still trying", dev_name,
				timeout_ms);
			return -ETIMEDOUT;
		}
	}
	fill(out);
	return 0;
}
