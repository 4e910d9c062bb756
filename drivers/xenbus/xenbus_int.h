/* Inside the xenbus core: the hypercalls it makes and its parts' bring-up. */
#ifndef DRIVERS_XENBUS_INT_H
#define DRIVERS_XENBUS_INT_H

#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/hvm.h>
#include <xen/memory.h>
#include <xen/vcpu.h>

#include "env.h"
#include "xenbus.h"

static inline long hyp_evtchn(unsigned cmd, void *arg)
{
	return drv_xen_hypercall(__HYPERVISOR_event_channel_op, cmd, (unsigned long)arg, 0);
}

static inline long hyp_yield(void)
{
	return drv_xen_hypercall(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
}

/* An HVM parameter of this domain, or 0 if it cannot be read. */
uint64_t xen_hvm_param(unsigned index);

/* A negative Xen error (Linux numbers) as this libc's errno, negated. */
int xen_errno(long xen_err);

int evtchn_init(unsigned upcall_intid);
int gnttab_init(uint64_t window, uint64_t size);
int xs_init(void);

#endif
