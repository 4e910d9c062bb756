/* Interrupt registration and dispatch, on top of whichever GIC the DT describes. */
#ifndef RUNTIME_IRQ_H
#define RUNTIME_IRQ_H

#include <stdint.h>

struct dt;

#define IRQ_MAX		256	/* SGIs, PPIs and the first 224 SPIs */

/* Find the GIC in the DT and initialise it (distributor, this CPU's interface).
 * Returns the GIC version, or 0 if the DT has none we support. */
unsigned irq_init(const struct dt *dt);
/* On a secondary CPU (runtime/smp.c): its GIC interface. Returns 0 or -1. */
int irq_cpu_init(void);
/* Called from the IRQ vector: acknowledge, run handlers, end each interrupt. */
void irq_dispatch(void);
/* Software-generated interrupt sgi (0-15) to the CPU with this MPIDR. */
void irq_send_sgi(unsigned sgi, uint64_t target_mpidr);

#endif
