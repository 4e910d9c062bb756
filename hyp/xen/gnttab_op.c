/* grant_table_op(cmd, ops, count): a batch of operations, each with its own status. */
#include "hcall.h"

#include <arch/guest_copy.h>
#include "domain.h"
#include "gnttab.h"
#include "vcpu.h"

/* Operations per call: each is bounded work (at most a 4 KiB copy), and a call never
 * runs for long without a chance to switch vCPUs. Xen splits long batches with
 * continuations; here a longer batch is refused. */
#define BATCH_MAX	256
#define COPY_CHUNK	8

static long copy_ops(struct vcpu *v, uint64_t uop, uint64_t count)
{
	struct gnttab_copy op[COPY_CHUNK];

	for (uint64_t i = 0; i < count; i += COPY_CHUNK) {
		unsigned n = count - i < COPY_CHUNK ? (unsigned)(count - i) : COPY_CHUNK;

		if (copy_from_guest(v, op, uop + i * sizeof(op[0]), n * sizeof(op[0])))
			return -XEN_EFAULT;
		for (unsigned k = 0; k < n; k++)
			op[k].status = gnttab_copy(v->dom, &op[k]);
		if (copy_to_guest(v, uop + i * sizeof(op[0]), op, n * sizeof(op[0])))
			return -XEN_EFAULT;
	}
	return 0;
}

static long setup_table(struct vcpu *v, uint64_t uop)
{
	struct gnttab_setup_table t;
	uint64_t gpfns[GNTTAB_MAX_FRAMES];

	if (copy_from_guest(v, &t, uop, sizeof(t)))
		return -XEN_EFAULT;
	if (!xen_domid_is_self(v, t.dom))
		t.status = GNTST_permission_denied;
	else
		t.status = gnttab_setup(v->dom, t.nr_frames, gpfns);
	if (t.status == GNTST_okay &&
	    copy_to_guest(v, t.frame_list, gpfns, t.nr_frames * sizeof(gpfns[0])))
		return -XEN_EFAULT;
	return copy_to_guest(v, uop, &t, sizeof(t)) ? -XEN_EFAULT : 0;
}

static long query_size(struct vcpu *v, uint64_t uop)
{
	struct gnttab_query_size q;

	if (copy_from_guest(v, &q, uop, sizeof(q)))
		return -XEN_EFAULT;
	if (!xen_domid_is_self(v, q.dom)) {
		q.status = GNTST_permission_denied;
	} else {
		gnttab_query(v->dom, &q.nr_frames, &q.max_nr_frames);
		q.status = GNTST_okay;
	}
	return copy_to_guest(v, uop, &q, sizeof(q)) ? -XEN_EFAULT : 0;
}

static long version(struct vcpu *v, unsigned cmd, uint64_t uop)
{
	if (cmd == GNTTABOP_set_version) {
		struct gnttab_set_version s;

		if (copy_from_guest(v, &s, uop, sizeof(s)))
			return -XEN_EFAULT;
		if (s.version != 1)
			return s.version == 2 ? -XEN_EACCES : -XEN_EINVAL;	/* v1 only */
		return 0;
	}
	struct gnttab_get_version g;

	if (copy_from_guest(v, &g, uop, sizeof(g)))
		return -XEN_EFAULT;
	if (!xen_domid_is_self(v, g.dom))
		return -XEN_EPERM;
	g.version = 1;
	return copy_to_guest(v, uop, &g, sizeof(g)) ? -XEN_EFAULT : 0;
}

struct vcpu *do_grant_table_op(struct vcpu *v)
{
	uint64_t cmd = v->regs.x[0], uop = v->regs.x[1], count = v->regs.x[2];

	switch (cmd) {
	case GNTTABOP_copy:
		if (count > BATCH_MAX)
			return xen_ret(v, -XEN_EINVAL);
		return xen_ret(v, copy_ops(v, uop, count));
	case GNTTABOP_setup_table:
	case GNTTABOP_query_size:
		if (count != 1)
			return xen_ret(v, -XEN_EINVAL);	/* one table, one answer */
		return xen_ret(v, cmd == GNTTABOP_setup_table ? setup_table(v, uop) :
				  query_size(v, uop));
	case GNTTABOP_set_version:
	case GNTTABOP_get_version:
		return xen_ret(v, version(v, (unsigned)cmd, uop));
	default:
		/* map/unmap: the backends live in the hyp, which maps grants itself;
		 * guests get none of the other commands either. */
		return xen_ret(v, -XEN_ENOSYS);
	}
}
