/*
 * The xenbus core's bring-up from the /hypervisor node: event channels (the upcall
 * interrupt is the node's "interrupts"), the grant table (its window is the node's
 * "reg"), then xenstore (HVM parameters). A driver set member like any other: it
 * attaches to compatible "xen,xen", and frontends call xenbus_init() first.
 */
#include <errno.h>
#include <string.h>

#include "driver.h"
#include "dt.h"
#include "xenbus_int.h"

static int state;		/* 0 not tried, 1 up, < 0 the error it failed with */

uint64_t xen_hvm_param(unsigned index)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };

	if (drv_xen_hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param, (unsigned long)&p, 0))
		return 0;
	return p.value;
}

int xen_errno(long e)
{
	/* Xen's numbers are Linux's; newlib and picolibc differ from them in places. */
	static const struct {
		long xen;
		int err;
	} map[] = {
		{ 1, EPERM }, { 2, ENOENT }, { 3, ESRCH }, { 12, ENOMEM }, { 13, EACCES },
		{ 14, EFAULT }, { 16, EBUSY }, { 17, EEXIST }, { 22, EINVAL }, { 28, ENOSPC },
		{ 38, ENOSYS },
	};

	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].xen == -e)
			return -map[i].err;
	return -EIO;
}

int xenbus_init(const struct dt *dt, int node)
{
	uint64_t base, size;
	unsigned intid;
	int err;

	if (state)
		return state > 0 ? 0 : state;
	if (dt_reg(dt, node, 0, &base, &size) || dt_irq(dt, node, 0, &intid)) {
		drv_log(0, "xenbus: %s: no grant-table window (reg) or event-channel interrupt "
			"(interrupts)", dt_name(dt, node));
		return state = -ENODEV;
	}
	if ((err = evtchn_init(intid)) || (err = gnttab_init(base, size))) {
		state = err;
		return err;
	}
	if (xs_init())
		drv_log(2, "xenbus: no xenstore (HVM_PARAM_STORE_PFN is 0): no xenbus devices");
	state = 1;
	return 0;
}

static int probe(const struct dt *dt, int node)
{
	return xenbus_init(dt, node);
}

PV_DRIVER(xenbus_driver) = {
	.name = "xenbus",
	.compatible = "xen,xen",
	.probe = probe,
};
