/* Grant tables v1: frames, entries, and the copies and mappings that use them. */
#include "gnttab.h"

#include <string.h>

#include <arch/stage2.h>
#include "domain.h"
#include "mem.h"

#define PER_FRAME	GNTTAB_ENTRIES_PER_FRAME

/* The entry's first word: flags in the low half, domid in the high half. */
static uint32_t *hdr_word(struct domain *d, grant_ref_t ref)
{
	return (uint32_t *)(uintptr_t)(d->xen.gnt_frame[ref / PER_FRAME] + (ref % PER_FRAME) * 8);
}

static int grow(struct domain *d, unsigned frames)
{
	while (d->xen.gnt_frames < frames) {
		uint64_t pa = mem_alloc_page();

		if (!pa)
			return -1;
		d->xen.gnt_frame[d->xen.gnt_frames++] = pa;
	}
	return 0;
}

static int in_window(uint64_t gpfn)
{
	return gpfn >= GUEST_GNTTAB_BASE / XEN_PAGE_SIZE &&
	       gpfn < (GUEST_GNTTAB_BASE + GUEST_GNTTAB_SIZE) / XEN_PAGE_SIZE;
}

/* Frame idx at gpfn, replacing whatever either was mapped to. gnt_lock held. */
static int map_frame_locked(struct domain *d, unsigned idx, uint64_t gpfn)
{
	if (grow(d, idx + 1))
		return -XEN_ENOMEM;
	for (unsigned j = 0; j < d->xen.gnt_frames; j++)
		if (j != idx && d->xen.gnt_gpfn[j] == gpfn)
			d->xen.gnt_gpfn[j] = 0;
	if (d->xen.gnt_gpfn[idx] && d->xen.gnt_gpfn[idx] != gpfn)
		stage2_set_page(d, d->xen.gnt_gpfn[idx] * XEN_PAGE_SIZE, 0);
	if (stage2_set_page(d, gpfn * XEN_PAGE_SIZE, d->xen.gnt_frame[idx]))
		return -XEN_ENOMEM;
	d->xen.gnt_gpfn[idx] = gpfn;
	return 0;
}

int gnttab_map_frame(struct domain *d, uint64_t idx, uint64_t gpfn)
{
	int err;

	/* Version 1 has no status frames; the window is the /hypervisor node's reg. */
	if (idx >= GNTTAB_MAX_FRAMES || !in_window(gpfn))
		return -XEN_EINVAL;
	spin_lock(&d->xen.gnt_lock);
	err = map_frame_locked(d, (unsigned)idx, gpfn);
	spin_unlock(&d->xen.gnt_lock);
	return err;
}

int16_t gnttab_setup(struct domain *d, uint32_t nr, uint64_t *gpfns)
{
	int16_t st = GNTST_okay;

	if (nr > GNTTAB_MAX_FRAMES)
		return GNTST_general_error;
	spin_lock(&d->xen.gnt_lock);
	for (unsigned i = 0; i < nr && st == GNTST_okay; i++) {
		uint64_t slot = GUEST_GNTTAB_BASE / XEN_PAGE_SIZE + i;

		/* Frames not mapped yet go to their natural slot in the window. */
		if (!d->xen.gnt_gpfn[i] || i >= d->xen.gnt_frames)
			st = map_frame_locked(d, i, slot) ? GNTST_general_error : GNTST_okay;
		gpfns[i] = d->xen.gnt_gpfn[i];
	}
	spin_unlock(&d->xen.gnt_lock);
	return st;
}

void gnttab_query(struct domain *d, uint32_t *nr, uint32_t *max)
{
	*nr = d->xen.gnt_frames;
	*max = GNTTAB_MAX_FRAMES;
}

/* --- pinning: under the granter's gnt_lock ------------------------------------------ */

static int held_by_maps(struct domain *d, grant_ref_t ref, uint16_t bit)
{
	for (unsigned i = 0; i < GNT_MAPS_MAX; i++)
		if (d->xen.gnt_map[i].bit == bit && d->xen.gnt_map[i].ref == ref)
			return 1;
	return 0;
}

/*
 * Check entry ref of rd grants `grantee` the access wanted, mark it in use, and find
 * the page. *set: whether this call set the in-use bit (and so must clear it).
 */
static int16_t pin(struct domain *rd, grant_ref_t ref, domid_t grantee, int write,
		   uint64_t *pa, int *set)
{
	uint16_t bit = write ? GTF_writing : GTF_reading;
	uint32_t *w, old, frame;

	if (ref >= rd->xen.gnt_frames * PER_FRAME)
		return GNTST_bad_gntref;
	w = hdr_word(rd, ref);
	old = __atomic_load_n(w, __ATOMIC_SEQ_CST);
	do {
		uint16_t flags = (uint16_t)old, dom = (uint16_t)(old >> 16);

		if ((flags & GTF_type_mask) != GTF_permit_access || dom != grantee ||
		    (write && (flags & GTF_readonly)))
			return GNTST_general_error;
	} while (!__atomic_compare_exchange_n(w, &old, old | bit, 0, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	*set = !(old & bit);
	/* The frame, read once now that the entry cannot be revoked. */
	frame = __atomic_load_n(w + 1, __ATOMIC_SEQ_CST);
	*pa = domain_ipa_to_pa(rd, (uint64_t)frame * XEN_PAGE_SIZE, XEN_PAGE_SIZE);
	if (!*pa) {
		if (*set)
			__atomic_fetch_and(w, ~(uint32_t)bit, __ATOMIC_SEQ_CST);
		return GNTST_bad_page;
	}
	return GNTST_okay;
}

static void unpin(struct domain *rd, grant_ref_t ref, int write, int set)
{
	uint16_t bit = write ? GTF_writing : GTF_reading;

	if (set && !held_by_maps(rd, ref, bit))
		__atomic_fetch_and(hdr_word(rd, ref), ~(uint32_t)bit, __ATOMIC_SEQ_CST);
}

/* The data path of every backend: mostly whole, aligned pages. 64 bytes a step (four
 * ldp/stp pairs) where both ends are 16-aligned and apart, which halves the cost of
 * a 4 KiB copy against the generic memmove. */
static void copy_data(uint64_t dst, uint64_t src, size_t n)
{
	struct blk64 {
		uint64_t w[8];
	};

	if (!((dst | src) & 15) && (dst + n <= src || src + n <= dst))
		for (; n >= 64; n -= 64, dst += 64, src += 64)
			*(struct blk64 *)(uintptr_t)dst = *(const struct blk64 *)(uintptr_t)src;
	memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
}

/* --- GNTTABOP_copy --------------------------------------------------------------------- */

struct side {
	struct domain *rd;		/* granter, or NULL for the caller's own frame */
	uint64_t pa;
	int set;
};

/* Resolve one side of a copy to a domain to lock (or none). */
static int16_t side_domain(struct domain *d, const struct gnttab_copy_ptr *p, int gref,
			   struct side *s)
{
	s->rd = NULL;
	s->set = 0;
	if (!gref) {
		uint64_t ipa = p->u.gmfn * XEN_PAGE_SIZE;

		if (p->domid != DOMID_SELF && p->domid != d->id)
			return GNTST_permission_denied;	/* frames only of one's own */
		if (p->u.gmfn >= (1UL << 52) || !(s->pa = domain_ipa_to_pa(d, ipa, XEN_PAGE_SIZE)))
			return GNTST_bad_page;
		return GNTST_okay;
	}
	if (p->domid == DOMID_SELF || p->domid == d->id) {
		s->rd = d;
	} else if (!(s->rd = domain_get(p->domid))) {
		return GNTST_bad_domain;
	}
	return GNTST_okay;
}

static void side_put(struct domain *d, struct side *s)
{
	if (s->rd && s->rd != d)
		domain_put(s->rd);
}

int16_t gnttab_copy(struct domain *d, const struct gnttab_copy *op)
{
	struct side src, dst;
	struct domain *l1, *l2;
	int sg = op->flags & GNTCOPY_source_gref, dg = op->flags & GNTCOPY_dest_gref;
	int16_t st;

	if (op->flags & ~(GNTCOPY_source_gref | GNTCOPY_dest_gref) ||
	    op->source.offset + op->len > XEN_PAGE_SIZE || op->dest.offset + op->len > XEN_PAGE_SIZE)
		return GNTST_bad_copy_arg;
	if ((st = side_domain(d, &op->source, sg, &src)))
		return st;
	if ((st = side_domain(d, &op->dest, dg, &dst))) {
		side_put(d, &src);
		return st;
	}
	/* Lock the granters involved, lower id first. */
	l1 = src.rd;
	l2 = dst.rd == src.rd ? NULL : dst.rd;
	if (!l1 || (l2 && l2->id < l1->id)) {
		struct domain *t = l1;

		l1 = l2;
		l2 = t;
	}
	if (l1)
		spin_lock(&l1->xen.gnt_lock);
	if (l2)
		spin_lock(&l2->xen.gnt_lock);
	if (sg)
		st = pin(src.rd, op->source.u.ref, (domid_t)d->id, 0, &src.pa, &src.set);
	if (!st && dg && (st = pin(dst.rd, op->dest.u.ref, (domid_t)d->id, 1, &dst.pa,
				   &dst.set)) && sg)
		unpin(src.rd, op->source.u.ref, 0, src.set);
	if (!st) {
		copy_data(dst.pa + op->dest.offset, src.pa + op->source.offset, op->len);
		if (sg)
			unpin(src.rd, op->source.u.ref, 0, src.set);
		if (dg)
			unpin(dst.rd, op->dest.u.ref, 1, dst.set);
	}
	if (l2)
		spin_unlock(&l2->xen.gnt_lock);
	if (l1)
		spin_unlock(&l1->xen.gnt_lock);
	side_put(d, &src);
	side_put(d, &dst);
	return st;
}

/* --- backends ---------------------------------------------------------------------------- */

int gnttab_map(struct domain *rd, grant_ref_t ref, int write, void **page)
{
	uint64_t pa;
	int set, h = -1;
	int16_t st;

	spin_lock(&rd->xen.gnt_lock);
	for (unsigned i = 0; i < GNT_MAPS_MAX && h < 0; i++)
		if (!rd->xen.gnt_map[i].bit)
			h = (int)i;
	st = h < 0 ? GNTST_no_space : pin(rd, ref, DOMID_HYP, write, &pa, &set);
	if (st == GNTST_okay) {
		rd->xen.gnt_map[h].ref = ref;
		rd->xen.gnt_map[h].bit = write ? GTF_writing : GTF_reading;
		*page = (void *)(uintptr_t)pa;
	}
	spin_unlock(&rd->xen.gnt_lock);
	return st == GNTST_okay ? h : st;
}

void gnttab_unmap(struct domain *rd, int h)
{
	struct gnt_map *m;

	if (h < 0 || h >= GNT_MAPS_MAX)
		return;
	spin_lock(&rd->xen.gnt_lock);
	m = &rd->xen.gnt_map[h];
	if (m->bit) {
		uint16_t bit = m->bit;

		m->bit = 0;
		if (!held_by_maps(rd, m->ref, bit))
			__atomic_fetch_and(hdr_word(rd, m->ref), ~(uint32_t)bit, __ATOMIC_SEQ_CST);
	}
	spin_unlock(&rd->xen.gnt_lock);
}

static int16_t hyp_copy(struct domain *rd, grant_ref_t ref, unsigned off, void *buf,
			unsigned len, int to_guest)
{
	uint64_t pa;
	int set;
	int16_t st;

	if (off + len > XEN_PAGE_SIZE || off > XEN_PAGE_SIZE)
		return GNTST_bad_copy_arg;
	spin_lock(&rd->xen.gnt_lock);
	st = pin(rd, ref, DOMID_HYP, to_guest, &pa, &set);
	if (st == GNTST_okay) {
		if (to_guest)
			copy_data(pa + off, (uint64_t)(uintptr_t)buf, len);
		else
			copy_data((uint64_t)(uintptr_t)buf, pa + off, len);
		unpin(rd, ref, to_guest, set);
	}
	spin_unlock(&rd->xen.gnt_lock);
	return st;
}

int16_t gnttab_copy_from(struct domain *rd, grant_ref_t ref, unsigned off, void *dst,
			 unsigned len)
{
	return hyp_copy(rd, ref, off, dst, len, 0);
}

int16_t gnttab_copy_to(struct domain *rd, grant_ref_t ref, unsigned off, const void *src,
		       unsigned len)
{
	return hyp_copy(rd, ref, off, (void *)src, len, 1);
}

void gnttab_domain_destroy(struct domain *d)
{
	spin_lock(&d->xen.gnt_lock);
	for (unsigned i = 0; i < d->xen.gnt_frames; i++)
		mem_free(d->xen.gnt_frame[i], 1);
	d->xen.gnt_frames = 0;
	spin_unlock(&d->xen.gnt_lock);
}
