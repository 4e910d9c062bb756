/*
 * The PV console frontend: the xencons ring (HVM_PARAM_CONSOLE_PFN) as a pv_console.
 * A domain's first console is not a xenbus device: there is no xenstore handshake,
 * only the ring and its event channel (HVM_PARAM_CONSOLE_EVTCHN). Registering makes
 * it the runtime's console (output buffered since boot goes to it first).
 */
#include <errno.h>

#include <pvkit/console.h>
#include <xen/io/console.h>

#include "driver.h"
#include "xenbus_int.h"

#define STALL_NS	2000000000ULL	/* a backend that takes no output this long: drop it */

static struct xencons_interface *intf;
static unsigned port;

/* Append to the output ring, waiting (yielding) while it is full. */
static void put(const char *buf, size_t len)
{
	uint64_t deadline = drv_now_ns() + STALL_NS;

	while (len) {
		uint32_t prod = intf->out_prod;
		uint32_t cons = __atomic_load_n(&intf->out_cons, __ATOMIC_ACQUIRE);

		if (prod - cons > XENCONS_OUT_SIZE)
			return;			/* the backend lost its way */
		if (prod - cons == XENCONS_OUT_SIZE) {
			evtchn_notify(port);
			if (drv_now_ns() > deadline)
				return;
			hyp_yield();
			continue;
		}
		while (len && prod - cons < XENCONS_OUT_SIZE) {
			intf->out[prod % XENCONS_OUT_SIZE] = *buf++;
			prod++;
			len--;
		}
		__atomic_store_n(&intf->out_prod, prod, __ATOMIC_RELEASE);
	}
}

static void con_write(struct pv_console *con, const char *buf, size_t len)
{
	size_t start = 0;

	/* Terminals want CR LF, as on the UART. */
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		put(buf + start, i - start);
		put("\r\n", 2);
		start = i + 1;
	}
	put(buf + start, len - start);
	evtchn_notify(port);
}

static int con_getc(struct pv_console *con)
{
	uint32_t cons = intf->in_cons;
	uint32_t prod = __atomic_load_n(&intf->in_prod, __ATOMIC_ACQUIRE);
	int c;

	if (cons == prod || prod - cons > XENCONS_IN_SIZE)
		return -1;
	c = (unsigned char)intf->in[cons % XENCONS_IN_SIZE];
	__atomic_store_n(&intf->in_cons, cons + 1, __ATOMIC_RELEASE);
	evtchn_notify(port);		/* room for more input */
	return c;
}

static struct pv_console xencons = {
	.name = "xen-console",
	.write = con_write,
	.getc = con_getc,
};

static void input(unsigned p, void *arg)
{
	pv_console_input_ready();
}

static int probe(const struct dt *dt, int node)
{
	uint64_t pfn;
	int err;

	if ((err = xenbus_init(dt, node)))
		return err;
	pfn = xen_hvm_param(HVM_PARAM_CONSOLE_PFN);
	port = (unsigned)xen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
	if (!pfn || !port)
		return -ENODEV;			/* no PV console for this domain */
	if (!(intf = drv_map_memory(pfn * XEN_PAGE_SIZE, XEN_PAGE_SIZE)))
		return -ENOMEM;
	if ((err = evtchn_bind(port, input, NULL)))
		return err;
	pv_console_register(&xencons);
	return 0;
}

PV_DRIVER(xencons_driver) = {
	.name = "xen-console",
	.compatible = "xen,xen",
	.probe = probe,
};
