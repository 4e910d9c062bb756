/* What the runtime found about the machine it booted on. */
#ifndef PVKIT_SYSINFO_H
#define PVKIT_SYSINFO_H

#include <stddef.h>
#include <stdint.h>

struct pv_sysinfo {
	const char *version;	/* pvkit runtime version, e.g. "0.1.0" */
	const char *libc;	/* "picolibc" or "newlib" */
	const char *model;	/* DT /model, or "unknown" */
	uint64_t midr;		/* MIDR_EL1 */
	const char *cpu;	/* "Cortex-A72", "QEMU max", ... from MIDR */
	unsigned ncpus;		/* cpu nodes in the DT */
	unsigned gic_version;	/* 2 or 3; 0 if no GIC was found */
	unsigned entry_el;	/* exception level the image was entered at (1 or 2) */
	uint64_t ram_bytes;	/* sum of the DT memory nodes */
	uint64_t heap_bytes;	/* what malloc can use */
	uint64_t boot_ns;	/* pv_now_ns() when main() was called */
	uint64_t entry_ns;	/* pv_now_ns() at the image's first instruction */
	const char *bootargs;	/* /chosen/bootargs, or "" */
	const void *fdt;	/* the device tree the image was given */
};

const struct pv_sysinfo *pv_sysinfo(void);

/* The value of "key=value" in the bootargs (or "" for a bare "key"), copied into buf
 * (truncated to len - 1 bytes). Returns buf, or NULL if the key is absent. */
const char *pv_bootarg(const char *key, char *buf, size_t len);

#endif
