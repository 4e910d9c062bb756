/*
 * Device attachment and the device registries. Drivers linked into the image announce
 * themselves in the .pv_drivers section (drivers/driver.h); at boot every DT node with a
 * matching compatible is offered to its driver, in DT order.
 */
#include <errno.h>
#include <stddef.h>

#include <pvkit/blk.h>
#include <pvkit/log.h>
#include <pvkit/net.h>
#include "devices.h"
#include "driver.h"
#include "dt.h"

static struct pv_blk *blks;
static struct pv_net *nets;

void devices_probe(const struct dt *dt)
{
	drv_probe_all(dt);
}

#define REGISTER(list, dev) do {			\
	__typeof__(dev) *p_ = &(list);			\
	while (*p_)					\
		p_ = &(*p_)->next;			\
	(dev)->next = NULL;				\
	*p_ = (dev);					\
} while (0)

#define LOOKUP(list, index) ({				\
	__typeof__(list) d_ = (list);			\
	for (unsigned i_ = 0; d_ && i_ < (index); i_++)	\
		d_ = d_->next;				\
	d_;						\
})

void pv_blk_register(struct pv_blk *b)
{
	REGISTER(blks, b);
	pv_info("%s: %lu sectors%s", b->info.name, (unsigned long)b->info.sectors,
		b->info.read_only ? ", read-only" : "");
}

struct pv_blk *pv_blk_get(unsigned index)
{
	return LOOKUP(blks, index);
}

void pv_net_register(struct pv_net *n)
{
	REGISTER(nets, n);
	pv_info("%s: mac %02x:%02x:%02x:%02x:%02x:%02x mtu %u", n->info.name,
		n->info.mac[0], n->info.mac[1], n->info.mac[2], n->info.mac[3],
		n->info.mac[4], n->info.mac[5], n->info.mtu);
}

struct pv_net *pv_net_get(unsigned index)
{
	return LOOKUP(nets, index);
}
