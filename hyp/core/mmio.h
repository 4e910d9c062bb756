/* Emulated devices in a domain's guest-physical map, found by address in a const
 * table (mmio.c). A handler returns 0, or -1 for an access the device does not
 * accept (bad size or offset), which the guest gets back as an external abort. */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include <stdint.h>

struct vcpu;

typedef int (*mmio_fn)(struct vcpu *v, uint64_t off, unsigned size, int write,
		       uint64_t *val);

/* 1 if ipa is in an emulated region (then *result is the handler's return). */
int mmio_dispatch(struct vcpu *v, uint64_t ipa, unsigned size, int write, uint64_t *val,
		  int *result);

#endif
