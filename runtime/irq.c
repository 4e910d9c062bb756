/* Interrupt handlers by GIC interrupt id, and the GIC chosen from the DT. */
#include "irq.h"

#include <stddef.h>

#include <pvkit/log.h>
#include "dt.h"
#include "env.h"
#include <arch/gic.h>

static const struct gic_ops *const gics[] = { &gicv3_ops, &gicv2_ops };

static const struct gic_ops *gic;
static struct {
	void (*fn)(void *arg);
	void *arg;
} handlers[IRQ_MAX];

unsigned irq_init(const struct dt *dt)
{
	const char *compat[16];
	const struct gic_ops *owner[16];
	int n = 0, which, node;

	/* One DT pass for every GIC we know. */
	for (size_t i = 0; i < sizeof(gics) / sizeof(gics[0]); i++)
		for (const char *const *c = gics[i]->compatible; *c && n < 15; c++) {
			owner[n] = gics[i];
			compat[n++] = *c;
		}
	compat[n] = NULL;
	node = dt_find_compatible(dt, -1, compat, &which);
	if (node < 0) {
		pv_warn("no supported interrupt controller in the device tree: "
			"timers and devices will be polled");
		return 0;
	}
	if (owner[which]->init(dt, node)) {
		pv_err("GICv%u in the device tree could not be initialised",
		       owner[which]->version);
		return 0;
	}
	gic = owner[which];
	return gic->version;
}

int drv_irq_register(unsigned intid, void (*fn)(void *arg), void *arg)
{
	if (!gic || intid >= IRQ_MAX || handlers[intid].fn) {
		pv_err("cannot register interrupt %u (%s)", intid,
		       !gic ? "no GIC" : intid >= IRQ_MAX ? "id too large" : "already taken");
		return -1;
	}
	handlers[intid].arg = arg;
	handlers[intid].fn = fn;
	return 0;
}

void drv_irq_enable(unsigned intid)
{
	if (gic && intid < IRQ_MAX)
		gic->enable(intid);
}

void drv_irq_disable(unsigned intid)
{
	if (gic && intid < IRQ_MAX)
		gic->disable(intid);
}

void irq_dispatch(void)
{
	if (!gic)
		return;
	for (;;) {
		unsigned intid = gic->ack();

		if (intid >= GIC_SPURIOUS)
			break;
		if (intid < IRQ_MAX && handlers[intid].fn)
			handlers[intid].fn(handlers[intid].arg);
		else
			pv_warn("unexpected interrupt %u", intid);
		gic->eoi(intid);
	}
}

int irq_cpu_init(void)
{
	return gic && gic->cpu_init ? gic->cpu_init() : -1;
}

void irq_send_sgi(unsigned sgi, uint64_t target_mpidr)
{
	if (gic)
		gic->send_sgi(sgi, target_mpidr);
}
