/*
 * hcbench: what each operation module provides to main.c.
 *
 * An operation is timed by calling run(n, ctx) once for n repetitions, between two
 * reads of the virtual counter. Operations written as assembly loops (loops.S) have
 * the cost of an identical empty loop subtracted, so their figure is exactly the
 * instructions the operation needs; operations written in C (interrupt round trips)
 * include their few instructions of loop and call, which docs/BENCH.md states.
 */
#ifndef HCBENCH_H
#define HCBENCH_H

#include <stddef.h>
#include <stdint.h>

#include <pvkit/hypervisor.h>

/* Sleep until an interrupt unless cond already holds: masked check, then WFI (which
 * wakes on a pending interrupt even while masked), then the handler runs. */
#define WAIT_UNTIL(cond)						\
	do {								\
		__asm__ volatile("msr daifset, #2" ::: "memory");	\
		if (!(cond))						\
			__asm__ volatile("wfi" ::: "memory");		\
		__asm__ volatile("msr daifclr, #2" ::: "memory");	\
	} while (!(cond))

/* Where hcbench runs, decided once in main.c. */
struct bench_env {
	const struct pv_hypervisor *hv;
	int floor;		/* the floor's vectors own EL2: only traps are measured */
	unsigned gic_version;	/* 2, 3, or 0 */
	uint64_t gicd;		/* distributor base (physical = virtual), 0 if none */
	uint64_t gicc;		/* GICv2 CPU interface base, 0 otherwise */
	uint64_t virtio_mmio;	/* first virtio-mmio slot, 0 if none */
};

struct op {
	const char *name;	/* metric name, kvm-unit-tests' arm/micro-bench.c where one exists */
	const char *what;	/* one line for the report */
	int trap;		/* a plain trap to EL2: the floor measures it too */
	/* NULL if the operation can be measured here, else why not (printed as n/a).
	 * Prepares ctx for run. */
	const char *(*prepare)(const struct bench_env *env, uint64_t *ctx);
	void (*run)(uint64_t n, uint64_t ctx);
	/* The empty loop whose time is subtracted (loops.S), or NULL. */
	void (*baseline)(uint64_t n, uint64_t ctx);
};

/* Operation tables, one per module, each ending with a zeroed entry. */
extern const struct op trap_ops[], gic_ops[], timer_ops[], xen_ops[], io_ops[];

/* main.c: "key=value" or a bare "key" from the bootargs (or the built-in ones). */
const char *bench_arg(const char *key, char *buf, size_t len);

/* ops_xen.c: NULL if the Xen event-channel operations can be tried here, else why not;
 * "what failed: error N (ENOSYS)" in buf. */
const char *need_xen(const struct bench_env *env);
const char *xen_failed(char *buf, size_t len, const char *what, long err);

/* pingpong.c: the two sides of domain_switch. */
int pingpong_serve(unsigned peer);
const char *pingpong_prepare(const struct bench_env *env, uint64_t *ctx);
void pingpong_run(uint64_t n, uint64_t ctx);
void pingpong_finish(void);

/* loops.S: each repeats one operation n times; x19/x20 keep the count and ctx, which
 * every hypervisor preserves across a call (SMCCC and the Xen ABI alike). */
void loop_empty(uint64_t n, uint64_t ctx);
void loop_smccc_version(uint64_t n, uint64_t ctx);
void loop_xen_version(uint64_t n, uint64_t ctx);
void loop_mmio_read32(uint64_t n, uint64_t ctx);
void loop_eoi_v3(uint64_t n, uint64_t ctx);
void loop_mmio_write32_1023(uint64_t n, uint64_t ctx);

/* floor.c: install the floor if asked to and possible; returns NULL on success or the
 * reason it could not be installed. */
const char *floor_install(void);

#endif
