#include "mmio.h"

#include <stddef.h>

#include <arch/vgic.h>
#include "domain.h"
#include "vpl011.h"

struct mmio_region {
	uint64_t base;
	uint64_t (*size)(const struct domain *d);
	mmio_fn access;
};

static uint64_t gicd_size(const struct domain *d)
{
	return GUEST_GICD_SIZE;
}

static uint64_t gicr_size(const struct domain *d)
{
	return d->nvcpus * GUEST_GICR_STRIDE;
}

static uint64_t pl011_size(const struct domain *d)
{
	return d->cfg->vpl011 ? GUEST_PL011_SIZE : 0;
}

static const struct mmio_region regions[] = {
	{ GUEST_GICD_BASE, gicd_size, vgic_dist_access },
	{ GUEST_GICR_BASE, gicr_size, vgic_redist_access },
	{ GUEST_PL011_BASE, pl011_size, vpl011_access },
};

int mmio_dispatch(struct vcpu *v, uint64_t ipa, unsigned size, int write, uint64_t *val,
		  int *result)
{
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		const struct mmio_region *r = &regions[i];

		if (ipa >= r->base && ipa - r->base < r->size(v->dom)) {
			*result = r->access(v, ipa - r->base, size, write, val);
			return 1;
		}
	}
	return 0;
}
