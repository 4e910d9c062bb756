/*
 * How drivers attach: each driver defines one `struct pv_driver` with PV_DRIVER(); the
 * host (runtime or hyp) calls probe for every DT node whose compatible matches, in DT
 * order. The table lives in a linker section, so an image contains exactly the drivers
 * it links (mk/pvkit.mk: DRIVERS).
 */
#ifndef DRIVERS_DRIVER_H
#define DRIVERS_DRIVER_H

struct dt;

struct pv_driver {
	const char *name;
	const char *compatible;		/* DT compatible string this driver handles */
	/* Attach to node. Returns 0, -ENODEV when the node turns out to be empty (e.g. a
	 * virtio-mmio slot with no device), or another -errno on failure (logged). */
	int (*probe)(const struct dt *dt, int node);
};

/* Probe every linked driver on each DT node compatible with it (drivers/probe.c). */
void drv_probe_all(const struct dt *dt);

#define PV_DRIVER(var) \
	static const struct pv_driver var \
	__attribute__((used, section(".pv_drivers"), aligned(8)))

#endif
