/* console_io(cmd, count, buffer): the domain's console on the multiplexed UART. */
#include "xen.h"

#include <arch/guest_copy.h>
#include "console.h"
#include "domain.h"
#include "vcpu.h"

#define CHUNK		128
#define MAX_PER_CALL	4096	/* longer writes are cut: the guest sees the count */

static struct vcpu *write(struct vcpu *v, uint64_t count, uint64_t buf)
{
	char tmp[CHUNK];
	uint64_t done = 0;

	if (count > MAX_PER_CALL)
		count = MAX_PER_CALL;
	while (done < count) {
		uint64_t n = count - done < CHUNK ? count - done : CHUNK;

		if (copy_from_guest(v, tmp, buf + done, n))
			return xen_ret(v, done ? (long)done : -XEN_EFAULT);
		console_domain_write(v->dom, tmp, n);
		done += n;
	}
	return xen_ret(v, (long)done);
}

static struct vcpu *read(struct vcpu *v, uint64_t count, uint64_t buf)
{
	struct domain *d = v->dom;
	char tmp[CHUNK];
	uint64_t n = 0;
	int c;

	spin_lock(&d->lock);
	while (n < count && n < CHUNK && (c = console_input_pop(d)) >= 0)
		tmp[n++] = (char)c;
	spin_unlock(&d->lock);
	if (n && copy_to_guest(v, buf, tmp, n))
		return xen_ret(v, -XEN_EFAULT);
	return xen_ret(v, (long)n);
}

struct vcpu *do_console_io(struct vcpu *v)
{
	switch (v->regs.x[0]) {
	case CONSOLEIO_write:
		return write(v, v->regs.x[1], v->regs.x[2]);
	case CONSOLEIO_read:
		return read(v, v->regs.x[1], v->regs.x[2]);
	default:
		return xen_ret(v, -XEN_ENOSYS);
	}
}
