/*
 * Device attachment and the pv_blk / pv_net registries inside the hyp (devices.h).
 * The same registration the runtime does (runtime/devices.c), for the hyp's users:
 * blkback looks disks up by index or name, netback its uplink by index.
 */
#include "devices.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <pvkit/blk.h>
#include <pvkit/console.h>
#include <pvkit/net.h>
#include "driver.h"
#include "dt.h"
#include "log.h"

static struct pv_blk *blks;
static struct pv_net *nets;

void devices_probe(const struct dt *dt)
{
	drv_probe_all(dt);
}

void pv_blk_register(struct pv_blk *b)
{
	struct pv_blk **p = &blks;

	while (*p)
		p = &(*p)->next;
	b->next = NULL;
	*p = b;
	log_msg("%s: host disk, %lu sectors%s", b->info.name, (unsigned long)b->info.sectors,
		b->info.read_only ? ", read-only" : "");
}

struct pv_blk *pv_blk_get(unsigned index)
{
	struct pv_blk *b = blks;

	while (b && index--)
		b = b->next;
	return b;
}

/* The asynchronous calls only: the hyp has no threads to wait in pv_blk_read & co. */
int pv_blk_submit(struct pv_blk *b, struct pv_blk_req *req)
{
	return b->ops->submit(b, req);
}

int pv_blk_poll(struct pv_blk *b)
{
	return b->ops->poll(b);
}

struct pv_blk *devices_blk_find(const char *what)
{
	unsigned long idx = 0;
	const char *p = what;

	if (!*p)
		return NULL;
	while (*p >= '0' && *p <= '9' && idx < 1000)
		idx = idx * 10 + (unsigned long)(*p++ - '0');
	if (!*p)
		return pv_blk_get((unsigned)idx);
	for (struct pv_blk *b = blks; b; b = b->next)
		if (!strcmp(b->info.name, what))
			return b;
	return NULL;
}

void pv_net_register(struct pv_net *n)
{
	struct pv_net **p = &nets;

	while (*p)
		p = &(*p)->next;
	n->next = NULL;
	*p = n;
	log_msg("%s: host NIC, mac %02x:%02x:%02x:%02x:%02x:%02x mtu %u", n->info.name,
		n->info.mac[0], n->info.mac[1], n->info.mac[2], n->info.mac[3],
		n->info.mac[4], n->info.mac[5], n->info.mtu);
}

struct pv_net *pv_net_get(unsigned index)
{
	struct pv_net *n = nets;

	while (n && index--)
		n = n->next;
	return n;
}

/* drivers/virtio links virtio-console too; the hyp's console is its UART, so a host
 * virtconsole is found and left unused. */
void pv_console_register(struct pv_console *con)
{
	log_msg("%s: host console device not used (the hyp writes to its UART)", con->name);
}

void pv_console_input_ready(void)
{
}
