/*
 * The DT a domain boots with, built with libfdt's sequential writer: memory, cpus,
 * GICv3, timer, PSCI over hvc, /hypervisor (Xen 4.17 compatible: grant-table window,
 * event-channel PPI), the vpl011 and /chosen. Addresses are Xen's guest map
 * (domain.h). Portable: tests/unit/test_guestdt.c checks it with the runtime's DT
 * reader and discovery.
 */
#ifndef CORE_GUEST_DT_H
#define CORE_GUEST_DT_H

#include <stddef.h>
#include <stdint.h>

struct guest_dt_params {
	uint64_t ram_base, ram_size;	/* guest physical */
	unsigned nvcpus;
	int vpl011;
	const char *bootargs;
	uint64_t initrd_start, initrd_end;	/* guest physical; 0, 0 = none */
};

/* Returns 0, or a negative libfdt error (the buffer was too small). */
int guest_dt_build(void *buf, size_t size, const struct guest_dt_params *p);

#endif
