/*
 * Grant tables, version 1. A domain's table lives in hyp pages it maps into its grant
 * window (/hypervisor reg); the hyp reads an entry once (one 64-bit load), checks it,
 * and marks it in use (GTF_reading / GTF_writing, by compare-and-swap on the flags and
 * domid together) for as long as it touches the page, so the guest cannot revoke it
 * meanwhile. Copies hold the granting domain's grant lock throughout; long-lived
 * backend mappings are tracked in its gnt_map table.
 */
#ifndef XEN_GNTTAB_H
#define XEN_GNTTAB_H

#include <stdint.h>

#include <xen/grant_table.h>

struct domain;

/* Hypercall side: d is the caller. */
int gnttab_map_frame(struct domain *d, uint64_t idx, uint64_t gpfn);	/* 0, -XEN_E* */
int16_t gnttab_setup(struct domain *d, uint32_t nr, uint64_t *gpfns);	/* GNTST_* */
void gnttab_query(struct domain *d, uint32_t *nr, uint32_t *max);
int16_t gnttab_copy(struct domain *d, const struct gnttab_copy *op);	/* GNTST_* */

/* Backends (the hyp as domain 0, the grantee): the granter must be running and stay
 * so for the call (its hypercall, or a domain_get reference). */
/* Keep granter's page `ref` in use; *page = its host address. Returns a handle >= 0,
 * or a GNTST_* error. */
int gnttab_map(struct domain *granter, grant_ref_t ref, int write, void **page);
void gnttab_unmap(struct domain *granter, int handle);
/* Copy between a granted page and hyp memory (the backends' data path). */
int16_t gnttab_copy_from(struct domain *granter, grant_ref_t ref, unsigned off, void *dst,
			 unsigned len);
int16_t gnttab_copy_to(struct domain *granter, grant_ref_t ref, unsigned off,
		       const void *src, unsigned len);

void gnttab_domain_destroy(struct domain *d);

#endif
