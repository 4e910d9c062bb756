/* The emulated PL011 (SBSA subset plus what Linux's pl011 driver reads) a domain
 * with "vpl011" gets at GUEST_PL011_BASE, interrupt SPI 0 (INTID 32), as on Xen. */
#ifndef CORE_VPL011_H
#define CORE_VPL011_H

#include <stdint.h>

struct vcpu;
struct domain;

int vpl011_access(struct vcpu *v, uint64_t off, unsigned size, int write, uint64_t *val);
/* Input arrived or the guest changed its mask: recompute the interrupt line. Call with
 * d->lock held. */
void vpl011_update_locked(struct domain *d);
/* New input arrived for d (raises the receive interrupt status). d->lock held. */
void vpl011_input_locked(struct domain *d);

#endif
