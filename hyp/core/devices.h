/*
 * The hyp's physical devices: drivers/virtio, linked from the runtime's sources, probes
 * the host DT's "virtio,mmio" nodes; the disks and NICs it finds register with the
 * pv_blk / pv_net registries (include/pvkit/blk.h, net.h) kept here, where backends
 * look them up. Device interrupts are routed to the pCPU that probed (pCPU 0) and
 * handled from the hyp's IRQ path (drv_irq_dispatch), never inside a hypercall.
 */
#ifndef CORE_DEVICES_H
#define CORE_DEVICES_H

struct dt;
struct pv_blk;

/* Offer every DT node to the drivers linked in (.pv_drivers), in DT order. */
void devices_probe(const struct dt *dt);

/* A disk by registry index ("0", "1", ...) or by name ("virtio-blk0"); NULL if none. */
struct pv_blk *devices_blk_find(const char *what);

#endif
