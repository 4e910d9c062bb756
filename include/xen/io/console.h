/*
 * The PV console ring (Xen's io/console.h): the page HVM_PARAM_CONSOLE_PFN names.
 * Output goes guest -> backend through `out`, input backend -> guest through `in`.
 * Indices run freely and are masked to the ring size; the guest owns out_prod and
 * in_cons, the backend out_cons and in_prod. After moving an index, each side sends
 * an event on HVM_PARAM_CONSOLE_EVTCHN.
 */
#ifndef PVKIT_XEN_IO_CONSOLE_H
#define PVKIT_XEN_IO_CONSOLE_H

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

#define XENCONS_IN_SIZE		1024
#define XENCONS_OUT_SIZE	2048

struct xencons_interface {
	char in[XENCONS_IN_SIZE];
	char out[XENCONS_OUT_SIZE];
	XENCONS_RING_IDX in_cons, in_prod;
	XENCONS_RING_IDX out_cons, out_prod;
};

#endif
