/* One table of operations per GIC architecture version; irq.c picks one from the DT. */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <stdint.h>

struct dt;

#define GIC_SPURIOUS	1020	/* acknowledge values from here up mean "none" */

struct gic_ops {
	unsigned version;
	const char *const *compatible;		/* DT compatibles, NULL-terminated */
	int (*init)(const struct dt *dt, int node);
	void (*enable)(unsigned intid);
	void (*disable)(unsigned intid);
	unsigned (*ack)(void);
	void (*eoi)(unsigned intid);
	void (*send_sgi)(unsigned sgi, uint64_t target_mpidr);
	/* A secondary CPU's own interface (SGIs enabled); NULL if unsupported. */
	int (*cpu_init)(void);
};

extern const struct gic_ops gicv2_ops, gicv3_ops;

#endif
