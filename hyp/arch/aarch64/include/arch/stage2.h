/* Per-domain stage-2 translation: 39-bit IPA, 4 KiB granule, walks from level 1,
 * 2 MiB blocks where IPA and PA allow (stage2.c). VMID = domain id. */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdint.h>

struct domain;

void stage2_init_pcpu(void);	/* VTCR_EL2 */
int stage2_create(struct domain *d);
/* Map normal memory read-write-execute; returns 0 or -1 (out of table pages). */
int stage2_map(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size);
/* Forget the domain's translations (TLBs of every pCPU) and free its tables. */
void stage2_destroy(struct domain *d);

#endif
