/* Split virtqueues: see virtq.h for the layout and what is checked. */
#include "virtq.h"

#include <errno.h>

#include "env.h"

struct virtq_head {
	void *cookie;			/* NULL: not the head of a chain in flight */
	uint32_t writable;		/* bytes of the chain the device may write */
	uint16_t ndesc;			/* descriptors in the chain */
};

static size_t pages(size_t bytes)
{
	return (bytes + DRV_PAGE_SIZE - 1) / DRV_PAGE_SIZE;
}

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static size_t avail_offset(unsigned num)
{
	return sizeof(struct virtq_desc) * num;
}

static size_t used_offset(unsigned num)
{
	/* flags, idx, ring[num], used_event */
	return align_up(avail_offset(num) + 2 * (3 + num), VIRTQ_ALIGN);
}

size_t virtq_ring_bytes(unsigned num)
{
	/* flags, idx, ring[num], avail_event */
	return used_offset(num) + 6 + sizeof(struct virtq_used_elem) * num;
}

int virtq_init(struct virtq *q, unsigned num, unsigned index, const char *name)
{
	size_t priv = num * (sizeof(uint16_t) + sizeof(struct virtq_head));

	if (num == 0 || num > VIRTQ_MAX_NUM || (num & (num - 1)))
		return -EINVAL;
	*q = (struct virtq){ .num = num, .index = index, .name = name };
	q->ring_pages = pages(virtq_ring_bytes(num));
	q->priv_pages = pages(priv);
	q->ring_mem = drv_alloc_pages(q->ring_pages);
	q->priv_mem = drv_alloc_pages(q->priv_pages);
	if (!q->ring_mem || !q->priv_mem) {
		virtq_destroy(q);
		return -ENOMEM;
	}
	q->desc = q->ring_mem;
	q->avail = (struct virtq_avail *)((char *)q->ring_mem + avail_offset(num));
	q->used = (struct virtq_used *)((char *)q->ring_mem + used_offset(num));
	q->desc_pa = drv_virt_to_phys(q->desc);
	q->avail_pa = drv_virt_to_phys(q->avail);
	q->used_pa = drv_virt_to_phys((const void *)q->used);
	/* head[] first: its entries hold pointers and want 8-byte alignment. */
	q->head = q->priv_mem;
	q->next = (uint16_t *)(q->head + num);
	for (unsigned i = 0; i < num; i++)
		q->next[i] = i + 1;
	q->nfree = num;
	q->free_head = 0;
	return 0;
}

void virtq_destroy(struct virtq *q)
{
	if (q->ring_mem)
		drv_free_pages(q->ring_mem, q->ring_pages);
	if (q->priv_mem)
		drv_free_pages(q->priv_mem, q->priv_pages);
	q->ring_mem = q->priv_mem = NULL;
}

int virtq_add(struct virtq *q, const struct virtq_buf *b, unsigned n, void *cookie)
{
	uint16_t head = q->free_head, d = head, last = head;
	uint32_t writable = 0;

	if (q->broken)
		return -EIO;
	if (n == 0 || !cookie)
		return -EINVAL;
	for (unsigned i = 1; i < n; i++)
		if (b[i - 1].device_writes && !b[i].device_writes)
			return -EINVAL;
	if (n > q->nfree)
		return -EAGAIN;

	for (unsigned i = 0; i < n; i++) {
		struct virtq_desc *desc = &q->desc[d];

		desc->addr = b[i].pa;
		desc->len = b[i].len;
		desc->flags = (b[i].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
			      (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		desc->next = i + 1 < n ? q->next[d] : 0;
		if (b[i].device_writes)
			writable += b[i].len;
		last = d;
		d = q->next[d];
	}
	q->free_head = q->next[last];
	q->nfree -= n;
	q->outstanding++;
	q->head[head] = (struct virtq_head){ cookie, writable, n };

	q->avail->ring[q->avail_idx & (q->num - 1)] = head;
	/* The device may read the descriptors and the ring entry as soon as it sees the
	 * new index: they must be visible first. */
	wmb();
	q->avail_idx++;
	*(volatile uint16_t *)&q->avail->idx = q->avail_idx;
	return 0;
}

void virtq_kick(struct virtq *q)
{
	/* The new avail->idx must be visible before we read used->flags: otherwise the
	 * device could set NO_NOTIFY, stop polling and miss our entries (spec 2.7.13). */
	mb();
	if (q->used->flags & VIRTQ_USED_F_NO_NOTIFY)
		return;
	q->notify(q);
}

/* The device broke the rules: believe nothing more from it. */
#define device_error(q, fmt, ...) ({					\
	(q)->broken = 1;						\
	drv_log(0, "%s: device error: " fmt "; resetting the device",	\
		(q)->name, __VA_ARGS__);				\
	(void *)0;							\
})

/* Return the chain starting at head to the free list; the links come from our private
 * copy, so a device that rewrote the descriptor table cannot redirect us. */
static void *release(struct virtq *q, uint16_t head)
{
	struct virtq_head *h = &q->head[head];
	void *cookie = h->cookie;
	uint16_t last = head;

	for (unsigned i = 1; i < h->ndesc; i++)
		last = q->next[last];
	q->next[last] = q->free_head;
	q->free_head = head;
	q->nfree += h->ndesc;
	q->outstanding--;
	h->cookie = NULL;
	return cookie;
}

void *virtq_get(struct virtq *q, uint32_t *len)
{
	uint16_t idx, pending;
	uint32_t id, n;

	if (q->broken)
		return NULL;
	idx = q->used->idx;
	if (idx == q->used_seen)
		return NULL;
	/* Read the entry only after the index that published it. */
	rmb();
	pending = idx - q->used_seen;
	if (pending > q->outstanding)
		return device_error(q, "used index announces %u entries, expected at most "
				    "the %u chains outstanding", pending, q->outstanding);
	id = q->used->ring[q->used_seen & (q->num - 1)].id;
	n = q->used->ring[q->used_seen & (q->num - 1)].len;
	if (id >= q->num || !q->head[id].cookie)
		return device_error(q, "used id %u, expected the head of a chain in flight "
				    "(0..%u)", id, q->num - 1);
	if (n > q->head[id].writable)
		return device_error(q, "used length %u for chain %u, expected at most its "
				    "%u writable bytes", n, id, q->head[id].writable);
	q->used_seen++;
	*len = n;
	return release(q, id);
}

void *virtq_detach(struct virtq *q)
{
	for (unsigned i = 0; i < q->num; i++)
		if (q->head[i].cookie)
			return release(q, i);
	return NULL;
}
