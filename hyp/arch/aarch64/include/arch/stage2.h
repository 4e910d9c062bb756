/* Per-domain stage-2 translation: 39-bit IPA, 4 KiB granule, walks from level 1,
 * 2 MiB blocks where IPA and PA allow (stage2.c). VMIDs are 8 bits (ARMv8.0, what
 * cortex-a72 has): domain id 1-255 is its VMID; beyond, domains share VMIDs, and a pCPU
 * switching between two domains with one VMID drops the TLB entries of that VMID
 * (switch.c). */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdint.h>

struct domain;

#define STAGE2_VMID(id)	(((id) - 1) % 255 + 1)

void stage2_init_pcpu(void);	/* VTCR_EL2 */
int stage2_create(struct domain *d);
/* Map normal memory read-write-execute; returns 0 or -1 (out of table pages). */
int stage2_map(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size);
/* Map one 4 KiB page of normal memory at ipa, replacing what was there (pa = 0:
 * unmap); TLBs forget the old entry. For pages outside RAM (grant-table frames, the
 * console and xenstore rings): never inside a block mapping. 0 or -1. */
int stage2_set_page(struct domain *d, uint64_t ipa, uint64_t pa);
/* Forget the domain's translations (TLBs of every pCPU) and free its tables. */
void stage2_destroy(struct domain *d);

#endif
