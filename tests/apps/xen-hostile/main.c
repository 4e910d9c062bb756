/* xen-hostile: see hostile.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <pvkit/hypercall.h>
#include <pvkit/pvkit.h>
#include <pvkit/sysinfo.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/hvm.h>
#include <xen/io/console.h>
#include <xen/memory.h>
#include <xen/vcpu.h>

#include "env.h"
#include "hostile.h"
#include "xenbus.h"
#include "xenbus_int.h"

static unsigned checks, failed;

void tally(int good)
{
	checks++;
	failed += !good;
}

void expect(const char *what, long got, long want)
{
	tally(got == want);
	printf("hostile: %s: got %ld, want %ld%s\n", what, got, want,
	       got == want ? "" : " (FAILED)");
}

static long hc(unsigned nr, unsigned long a0, const void *a1, unsigned long a2)
{
	return pv_hypercall(nr, a0, (unsigned long)a1, a2, 0, 0);
}

static long copy_status(struct gnttab_copy op)
{
	long r = hc(__HYPERVISOR_grant_table_op, GNTTABOP_copy, &op, 1);

	return r ? r : op.status;
}

static void grants(void)
{
	uint8_t *page = drv_alloc_pages(1);
	uint64_t mine = drv_virt_to_phys(page) / 4096;
	struct gnttab_copy op = { .len = 16 };
	struct gnttab_copy_ptr self = { .u.gmfn = mine, .domid = DOMID_SELF };

	op.dest = self;
	op.flags = GNTCOPY_source_gref;
	op.source = (struct gnttab_copy_ptr){ .u.ref = 99999, .domid = DOMID_SELF };
	expect("grant copy from ref 99999", copy_status(op), GNTST_bad_gntref);
	op.source.u.ref = 5;		/* reserved: never granted to anyone */
	expect("grant copy from an ungranted ref", copy_status(op), GNTST_general_error);
	op.source.u.ref = (uint32_t)gnttab_grant(1, mine, 0);	/* for d1, not for me */
	expect("grant copy from a grant made to d1", copy_status(op), GNTST_general_error);
	op.source = (struct gnttab_copy_ptr){ .u.ref = 8, .domid = 9 };
	expect("grant copy from domain 9 (none)", copy_status(op), GNTST_bad_domain);
	op.flags = 0;
	op.source = (struct gnttab_copy_ptr){ .u.gmfn = mine, .domid = 1 };
	expect("grant copy from d1's frame without a grant", copy_status(op),
	       GNTST_permission_denied);
	op.source = self;
	op.dest = (struct gnttab_copy_ptr){ .u.gmfn = 0x10000, .domid = DOMID_SELF };
	expect("grant copy to a frame outside my RAM", copy_status(op), GNTST_bad_page);
	op.dest = self;
	op.dest.offset = 4000;
	op.len = 200;
	expect("grant copy across the page end", copy_status(op), GNTST_bad_copy_arg);
	expect("grant copy batch of 1000", hc(__HYPERVISOR_grant_table_op, GNTTABOP_copy, &op,
					      1000), -XEN_EINVAL);
	expect("grant copy from a bad pointer", hc(__HYPERVISOR_grant_table_op, GNTTABOP_copy,
						   (void *)0x10, 1), -XEN_EFAULT);
	expect("grant map (backends only)", hc(__HYPERVISOR_grant_table_op,
					       GNTTABOP_map_grant_ref, &op, 1), -XEN_ENOSYS);
}

static long ev(unsigned cmd, void *arg)
{
	return hc(__HYPERVISOR_event_channel_op, cmd, arg, 0);
}

static void events(void)
{
	struct evtchn_send send = { 200 };
	struct evtchn_close close = { 0 };
	struct evtchn_unmask unmask = { 9999 };
	struct evtchn_status status = { .dom = 1, .port = 1 };
	struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF };
	struct evtchn_alloc_unbound alloc = { .dom = 1, .remote_dom = DOMID_SELF };
	struct evtchn_bind_virq virq = { 0, 0, 0 };
	uint64_t control[3] = { 0 };

	expect("send on port 200 (not mine)", ev(EVTCHNOP_send, &send), -XEN_EINVAL);
	expect("close port 0", ev(EVTCHNOP_close, &close), -XEN_EINVAL);
	expect("unmask port 9999", ev(EVTCHNOP_unmask, &unmask), -XEN_EINVAL);
	expect("status of d1's port", ev(EVTCHNOP_status, &status), -XEN_EPERM);
	bind.remote_port = (uint32_t)xen_hvm_param(HVM_PARAM_STORE_EVTCHN);
	expect("bind to a port not waiting for me", ev(EVTCHNOP_bind_interdomain, &bind),
	       -XEN_EINVAL);
	bind.remote_dom = 9;
	expect("bind to domain 9 (none)", ev(EVTCHNOP_bind_interdomain, &bind), -XEN_ESRCH);
	expect("alloc_unbound in d1", ev(EVTCHNOP_alloc_unbound, &alloc), -XEN_EPERM);
	expect("bind_virq (none offered)", ev(EVTCHNOP_bind_virq, &virq), -XEN_EINVAL);
	expect("FIFO init_control", ev(EVTCHNOP_init_control, control), -XEN_ENOSYS);
}

static void memory(void)
{
	struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table,
					.idx = 0, .gpfn = 0x40000 };
	struct vcpu_register_vcpu_info v = { .mfn = 0x40010, .offset = 4090 };
	struct xen_hvm_param p = { .domid = 1, .index = HVM_PARAM_STORE_PFN };

	expect("grant frame mapped over my RAM", hc(__HYPERVISOR_memory_op,
						    XENMEM_add_to_physmap, &x, 0), -XEN_EINVAL);
	x.gpfn = 0x38000;
	x.idx = 100;
	expect("grant frame 100", hc(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &x, 0),
	       -XEN_EINVAL);
	x.space = XENMAPSPACE_shared_info;
	x.idx = 0;
	x.gpfn = 0x10000;
	expect("shared_info outside my RAM", hc(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
						&x, 0), -XEN_EINVAL);
	expect("vcpu_info across a page", pv_hypercall(__HYPERVISOR_vcpu_op,
			VCPUOP_register_vcpu_info, 0, (unsigned long)&v, 0, 0), -XEN_EINVAL);
	expect("vcpu_info for vCPU 3 (none)", pv_hypercall(__HYPERVISOR_vcpu_op,
			VCPUOP_register_vcpu_info, 3, (unsigned long)&v, 0, 0), -XEN_ENOENT);
	expect("HVM param of d1", hc(__HYPERVISOR_hvm_op, HVMOP_get_param, &p, 0), -XEN_EPERM);
	p.domid = DOMID_SELF;
	p.index = 99;
	expect("HVM param 99", hc(__HYPERVISOR_hvm_op, HVMOP_get_param, &p, 0), -XEN_EINVAL);
}

int main(void)
{
	char arg[8];

	if (pv_bootarg("hostile.blkif", arg, sizeof(arg))) {
		blkif_attacks();
		printf("hostile: %u of %u blkif checks as expected\n", checks - failed, checks);
		return failed ? 1 : 0;
	}
	if (pv_bootarg("hostile.netif", arg, sizeof(arg))) {
		netif_attacks(!strcmp(arg, "chain"));
		printf("hostile: %u of %u netif checks as expected\n", checks - failed, checks);
		return failed ? 1 : 0;
	}
	grants();
	events();
	memory();
	xenstore_attacks();
	printf("hostile: %u of %u refused as expected\n", checks - failed, checks);

	/* Last, as it silences this domain: an output producer 10000 bytes ahead. */
	struct xencons_interface *con = drv_map_memory(xen_hvm_param(HVM_PARAM_CONSOLE_PFN) *
						       4096, 4096);
	unsigned cport = (unsigned)xen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN);

	printf("hostile: breaking the console ring\n");
	con->out_prod += 10000;
	evtchn_notify(cport);
	return failed ? 1 : 0;
}
