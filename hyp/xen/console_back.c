/* The PV console backend: the xencons ring to and from the console multiplexer. */
#include "console_back.h"

#include <string.h>

#include <xen/io/console.h>

#include <arch/lock.h>
#include <arch/stage2.h>
#include "console.h"
#include "domain.h"
#include "evtchn.h"
#include "log.h"
#include "mem.h"
#include "ring.h"

static struct spinlock lock;
static struct cons {
	struct xencons_interface *intf;
	struct bring out, in;
	uint32_t hyp_port;
	int broken;
} *cons;				/* by domain id (console_back_init) */

int console_back_init(unsigned max_domid)
{
	cons = mem_zalloc((max_domid + 1) * sizeof(*cons));
	if (!cons)
		return -1;
	return 0;
}

static void broken_locked(struct domain *d, const char *which, uint32_t peer, uint32_t own,
			  uint32_t size)
{
	cons[d->id].broken = 1;
	log_msg("d%u (%s): console ring: %s index %#x is %u bytes from the hyp's %#x (at "
		"most %u): the ring is no longer served", d->id, d->cfg->name, which, peer,
		peer - own, own, size);
}

/* Guest output to the multiplexer; queued input into the ring. Lock held. Returns
 * 1 if the guest should hear of it. */
static int pass_locked(struct domain *d)
{
	char buf[XENCONS_OUT_SIZE];
	int moved = 0, n;
	uint32_t space;

	if (cons[d->id].broken || !cons[d->id].intf)
		return 0;
	n = bring_peek(&cons[d->id].out, buf, sizeof(buf));
	if (n < 0) {
		broken_locked(d, "output producer", cons[d->id].intf->out_prod,
			      cons[d->id].out.own, XENCONS_OUT_SIZE);
		return 1;
	}
	if (n > 0) {
		console_domain_write(d, buf, (size_t)n);
		bring_advance(&cons[d->id].out, (uint32_t)n);
		moved = 1;
	}
	/* Input: as much as the guest has room for, popped from the domain's queue. */
	uint32_t in_cons = __atomic_load_n(&cons[d->id].intf->in_cons, __ATOMIC_ACQUIRE);

	if (ring_used(cons[d->id].in.own, in_cons, XENCONS_IN_SIZE, &space)) {
		broken_locked(d, "input consumer", in_cons, cons[d->id].in.own, XENCONS_IN_SIZE);
		return 1;
	}
	space = XENCONS_IN_SIZE - space;
	n = 0;
	spin_lock(&d->lock);
	for (int c; (uint32_t)n < space && (c = console_input_pop(d)) >= 0;)
		buf[n++] = (char)c;
	spin_unlock(&d->lock);
	if (n > 0 && bring_write(&cons[d->id].in, buf, (uint32_t)n) > 0)
		moved = 1;
	return moved;
}

static void event(void *arg)
{
	struct domain *d = domain_by_id((unsigned)(uintptr_t)arg);
	int notify;

	if (!d)
		return;
	spin_lock(&lock);
	notify = pass_locked(d);
	spin_unlock(&lock);
	if (notify)
		evtchn_hyp_notify(cons[d->id].hyp_port);
}

void console_back_input(struct domain *d)
{
	event((void *)(uintptr_t)d->id);
}

int console_back_create(struct domain *d)
{
	uint64_t page = mem_alloc_page();
	struct xencons_interface *intf = (struct xencons_interface *)(uintptr_t)page;

	if (!page || stage2_set_page(d, GUEST_MAGIC_BASE + GUEST_MAGIC_CONSOLE * PAGE_SIZE,
				     page) ||
	    evtchn_hyp_connect(d, event, (void *)(uintptr_t)d->id, &d->xen.console_port,
			       &cons[d->id].hyp_port)) {
		if (page)
			mem_free(page, 1);
		return -1;
	}
	spin_lock(&lock);
	cons[d->id].intf = intf;
	cons[d->id].out = (struct bring){ intf->out, XENCONS_OUT_SIZE, &intf->out_prod,
					  &intf->out_cons, 0 };
	cons[d->id].in = (struct bring){ intf->in, XENCONS_IN_SIZE, &intf->in_cons,
					 &intf->in_prod, 0 };
	cons[d->id].broken = 0;
	spin_unlock(&lock);
	d->xen.console_page = page;
	return 0;
}

void console_back_destroy(struct domain *d)
{
	if (!d->xen.console_page)
		return;
	spin_lock(&lock);
	cons[d->id].intf = NULL;
	spin_unlock(&lock);
	evtchn_hyp_close(cons[d->id].hyp_port);
	mem_free(d->xen.console_page, 1);
	d->xen.console_page = 0;
}
