/* The arch part of a domain: its stage-2 translation (stage2.c). */
#ifndef ARCH_DOMAIN_H
#define ARCH_DOMAIN_H

#include <stdint.h>

struct domain_arch {
	uint64_t *s2_root;	/* level-1 table of the 39-bit IPA space */
	uint64_t vttbr;		/* root | VMID << 48 */
	unsigned vmid;
	unsigned s2_pages;	/* table pages in use, freed with the domain */
	uint64_t s2_tables[64];	/* their addresses */
	struct {			/* emulated distributor state (vgic.c) */
		uint32_t ctlr;
		uint32_t spi_enabled;	/* SPIs 32-63 */
		uint8_t spi_prio[32];
		uint8_t spi_target[32];	/* vCPU index from IROUTER */
		uint32_t spi_cfg[2];
	} vgic;
};

#endif
