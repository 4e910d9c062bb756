/*
 * The Xen hypervisor console (HYPERVISOR_console_io) as a pv_console. Xen keeps the
 * physical UART for itself and leaves it out of dom0's DT, so a bare-metal dom0 (the
 * benchmarks boot hcbench this way) has no UART: it writes through this hypercall,
 * which Xen prints on its own console. Output only: input would need Xen's console
 * ring, which the xenbus console frontend provides for guests that have one.
 */
#include <stddef.h>

#include <pvkit/console.h>
#include <pvkit/hypercall.h>
#include <pvkit/hypervisor.h>
#include "console_xen.h"

#define XEN_HYPERCALL_CONSOLE_IO	18
#define CONSOLEIO_WRITE			0

static void xen_write(struct pv_console *con, const char *buf, size_t len)
{
	/* Xen copies the buffer through the guest's own page tables: any mapped address
	 * will do. It writes everything or fails; on failure there is nowhere to say so. */
	pv_hypercall(XEN_HYPERCALL_CONSOLE_IO, CONSOLEIO_WRITE, len, (unsigned long)buf, 0, 0);
}

static struct pv_console xen_con = {
	.name = "xen-console-io",
	.write = xen_write,
};

int console_xen_init(void)
{
	if (!pv_hypervisor()->xen_conduit)
		return -1;
	pv_console_register(&xen_con);
	return 0;
}
