/*
 * The virtual GICv3 (vgic.c: distributor and redistributor MMIO; vgic_lr.c: list
 * registers). INTIDs 0-31 are per vCPU, 32-63 are the domain's SPIs (the vpl011 uses
 * 32); 27 is the virtual timer, 31 is reserved for Xen event channels.
 */
#ifndef ARCH_VGIC_H
#define ARCH_VGIC_H

#include <stdint.h>

struct vcpu;
struct domain;

#define VGIC_NR_IRQS	64

void vgic_domain_init(struct domain *d);
void vgic_vcpu_init(struct vcpu *v);
int vgic_dist_access(struct vcpu *v, uint64_t off, unsigned size, int write, uint64_t *val);
int vgic_redist_access(struct vcpu *v, uint64_t off, unsigned size, int write,
		       uint64_t *val);
/* Make intid pending for v (an SPI goes to its routed vCPU), waking or kicking it. */
void vgic_inject(struct vcpu *v, unsigned intid);
void vgic_inject_locked(struct vcpu *v, unsigned intid);	/* d->lock held */
/* A trapped ICC_SGI1R_EL1 write. */
void vgic_send_sgi(struct vcpu *v, uint64_t sgi1r);
/* 1 if v has an enabled pending interrupt (WFI must not block). */
int vgic_has_pending(struct vcpu *v);

/* List registers of the running vCPU (vgic_lr.c). */
void vgic_lr_init_pcpu(void);
void vgic_flush(struct vcpu *v);	/* pending -> free list registers */
void vgic_lr_save(struct vcpu *v);
void vgic_lr_restore(struct vcpu *v);
int vgic_lr_pending(struct vcpu *v);	/* a saved LR still holds a pending interrupt */

#endif
