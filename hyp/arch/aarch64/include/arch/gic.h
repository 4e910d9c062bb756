/* The host GICv3 as the hyp drives it (gicv3.c): the hyp's own interrupts only;
 * guests see the virtual CPU interface and the emulated distributor. */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <stdint.h>

struct dt;

#define INTID_KICK		0	/* SGI: look at your run queue */
#define INTID_MAINTENANCE	25
#define INTID_HYP_TIMER		26
#define INTID_VTIMER		27
#define INTID_SPURIOUS		1020

int gic_init(const struct dt *dt);	/* distributor, once */
int gic_init_cpu(void);			/* this pCPU's redistributor and interface */
void gic_enable(unsigned intid);	/* PPI/SGI on this pCPU; SPI routed to this pCPU */
unsigned gic_ack(void);
void gic_eoi(unsigned intid);
void gic_send_sgi(unsigned sgi, uint64_t mpidr);

#endif
