/*
 * hvm_op(op, arg): the parameters a guest reads to find its xenstore and console rings
 * (Xen's hvm/hvm_op.h and hvm/params.h).
 */
#ifndef PVKIT_XEN_HVM_H
#define PVKIT_XEN_HVM_H

#include <xen/xen.h>

#define HVMOP_set_param		0
#define HVMOP_get_param		1

struct xen_hvm_param {
	domid_t domid;		/* IN: DOMID_SELF (or the caller's own id) */
	uint16_t pad;
	uint32_t index;		/* IN: HVM_PARAM_* */
	uint64_t value;		/* OUT (get) */
};
_Static_assert(sizeof(struct xen_hvm_param) == 16, "xen_hvm_param layout");

#define HVM_PARAM_STORE_PFN	1	/* guest frame of the xenstore ring page */
#define HVM_PARAM_STORE_EVTCHN	2	/* the caller's event-channel port to xenstore */
#define HVM_PARAM_CONSOLE_PFN	17	/* guest frame of the PV console ring; 0 = none */
#define HVM_PARAM_CONSOLE_EVTCHN 18	/* the caller's port to the console backend */

#endif
