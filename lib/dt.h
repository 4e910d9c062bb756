/*
 * Device-tree access for the runtime and the hyp, unit-tested on the host.
 *
 * dt_open() validates the whole blob once (libfdt's fdt_check_full) and then indexes
 * every node in a single pass over the structure block. Lookups then cost a walk of the
 * small index instead of libfdt's walk of the blob, which on QEMU's DT was most of the
 * boot time. Nodes are named by their index position (int, -1 = none); dt_off() gives
 * the libfdt offset for anything the helpers here do not cover.
 */
#ifndef LIB_DT_H
#define LIB_DT_H

#include <stddef.h>
#include <stdint.h>

struct dt_range {
	uint64_t base, size;
};

struct dt_node {
	int32_t off;		/* libfdt node offset */
	int16_t parent;		/* index, -1 for the root */
	uint8_t depth;
	uint8_t ac, sc;		/* #address-cells / #size-cells for this node's children */
	uint32_t name;		/* offsets into the structure block; 0 = property absent */
	uint32_t compat, compat_len;
	uint32_t devtype;
	uint32_t reg, reg_len;
	uint32_t phandle;	/* 0 = none */
	uint32_t irq_parent;	/* phandle from "interrupt-parent", 0 = none */
};

struct dt {
	const void *fdt;
	const char *structs;	/* the structure block */
	int n, cap, truncated;
	struct dt_node node[];	/* storage supplied by the caller (DT_STORAGE) */
};

/* Storage for a struct dt indexing up to cap nodes. */
#define DT_STORAGE(name, cap) \
	union { struct dt dt; char raw[sizeof(struct dt) + (cap) * sizeof(struct dt_node)]; } name
#define DT_INIT(storage, cap) (&(storage).dt), (cap)

/* Validate and index. Returns 0 or a negative libfdt error (fdt_strerror names it).
 * A tree with more than cap nodes is indexed up to cap and dt->truncated is set. */
int dt_open(struct dt *dt, int cap, const void *fdt);

int dt_off(const struct dt *dt, int n);
const char *dt_name(const struct dt *dt, int n);
/* Raw property (libfdt), or NULL. */
const void *dt_prop(const struct dt *dt, int n, const char *name, int *len);
/* String property, or dflt; only a NUL-terminated value counts as a string. */
const char *dt_string(const struct dt *dt, int n, const char *prop, const char *dflt);
/* 32-bit cell property, or dflt. */
uint32_t dt_u32(const struct dt *dt, int n, const char *prop, uint32_t dflt);

/* Child of n named name ("cpus" matches "cpus" and "cpus@0"); -1 if none. */
int dt_child(const struct dt *dt, int n, const char *name);
/* "/chosen", "/cpus/cpu@0": absolute paths only. */
int dt_path(const struct dt *dt, const char *path);
/* Children of n: for (c = dt_first_child(dt, n); c >= 0; c = dt_next_sibling(dt, c)) */
int dt_first_child(const struct dt *dt, int n);
int dt_next_sibling(const struct dt *dt, int c);
int dt_by_phandle(const struct dt *dt, uint32_t phandle);

/* 1 if n's compatible list contains c. */
int dt_is_compatible(const struct dt *dt, int n, const char *c);
/* First node after `after` (-1: from the start) compatible with any of compat[]
 * (NULL-terminated); *which = the index of the string that matched. */
int dt_find_compatible(const struct dt *dt, int after, const char *const compat[],
		       int *which);

/* Entry idx of n's "reg", decoded with the parent's #address-cells/#size-cells.
 * Returns 0, or -1 if there is no such entry. */
int dt_reg(const struct dt *dt, int n, int idx, uint64_t *base, uint64_t *size);

/* Interrupt idx of n as a GIC interrupt id (SPI k -> 32 + k, PPI k -> 16 + k), from a
 * 3-cell GIC specifier found through interrupt-parent. Returns 0 or -1. */
int dt_irq(const struct dt *dt, int n, int idx, unsigned *intid);

/* Node named by /chosen/stdout-path (a path or an alias; ":options" ignored), or -1. */
int dt_stdout_node(const struct dt *dt);

/* RAM banks: "reg" of every node with device_type = "memory"; banks of size 0 are
 * skipped. Returns how many were stored (at most max). */
int dt_memory(const struct dt *dt, struct dt_range *out, int max);
/* Reserved memory: the /memreserve/ block and /reserved-memory children's "reg". */
int dt_reserved(const struct dt *dt, struct dt_range *out, int max);
/* Nodes with device_type = "cpu". */
int dt_count_cpus(const struct dt *dt);

/* Value of "key=value" (or "" for a bare "key") in a bootargs string, copied into buf.
 * Returns buf, or NULL if the key is absent. */
const char *dt_bootarg(const char *bootargs, const char *key, char *buf, size_t len);

#endif
