/*
 * Domain configuration from the host DT: Xen's dom0less binding under /chosen
 * (compatible "xen,domain": memory in KiB, cpus, vpl011, "multiboot,kernel" and
 * "multiboot,ramdisk" module nodes with reg and bootargs) plus pvkit's own properties
 * (docs/CONFIG.md). Portable: unit-tested on the host (tests/unit/test_hypconfig.c).
 *
 * A bad domain is kept in the list with valid = 0 and an error naming the domain and
 * the property, so the caller can report it and start the others.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "dt.h"

/* Xen domain ids are 16-bit and the store accounts for each (hyp/xen/xs.h XS_NDOMS);
 * the hyp's per-domain tables are sized from the number in the config at boot. */
#define MAX_DOMAINS	2048
#define MAX_VCPUS	4
#define MIN_MEM_KIB	64
#define CFG_NAME_MAX	32
#define CFG_ARGS_MAX	256
#define CFG_ERR_MAX	200

enum exit_policy { POLICY_DESTROY, POLICY_RESTART };

struct dom_config {
	char name[CFG_NAME_MAX];	/* the node name, e.g. "domU1" */
	unsigned id;			/* domain id: 1, 2, ... in DT order */
	uint64_t mem_kib;
	unsigned vcpus;
	int vpl011;
	int pv_console;			/* pvkit,console = "xen": the xencons ring */
	char disk[CFG_NAME_MAX];	/* pvkit,disk: host disk index or name; "": none */
	uint64_t disk_first, disk_sectors;	/* pvkit,disk-range; sectors 0: to the end */
	int disk_ro;			/* pvkit,disk-readonly */
	int vif;			/* pvkit,vif: a network interface on the switch */
	uint8_t vif_mac[6];		/* its address (given, or 02:70:76:00:<id, 16 bits>) */
	int vif_mac_default;
	uint64_t kernel_base, kernel_size;	/* host physical, where QEMU put it */
	uint64_t ramdisk_base, ramdisk_size;	/* size 0: none */
	char bootargs[CFG_ARGS_MAX];
	enum exit_policy on_poweroff, on_reboot, on_crash;
	unsigned max_restarts;
	int pcpu;			/* first vCPU's pCPU; -1: chosen by the hyp */
	int valid;
	char error[CFG_ERR_MAX];
};

/* Every xen,domain node under /chosen, at most max; returns how many were found. */
int config_parse(const struct dt *dt, struct dom_config *out, int max);
/* How many xen,domain nodes there are under /chosen. */
int config_count(const struct dt *dt);

/* Modules must lie in RAM and overlap neither the reserved ranges (hyp image, DT) nor
 * each other; a domain whose module overlaps an earlier domain's is the one rejected.
 * Modules with the same "reg" are one module shared: the hyp only reads a module
 * (it copies the image into each domain's RAM), so domains may share it. */
void config_check_modules(struct dom_config *c, int n, const struct dt_range *ram,
			  int nram, const struct dt_range *rsv, int nrsv);

/* Mark c invalid with a message (printf-style, prefixed by nothing). */
void config_reject(struct dom_config *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
