#include "dt.h"

#include <libfdt.h>
#include <string.h>

/* --- the index ------------------------------------------------------------------ */

static uint32_t be32_at(const char *p)
{
	return fdt32_to_cpu(*(const fdt32_t *)p);
}

static void note_prop(struct dt *dt, struct dt_node *nd, const char *name, uint32_t val,
		      uint32_t len)
{
	const char *v = dt->structs + val;

	if (!strcmp(name, "compatible")) {
		nd->compat = val;
		nd->compat_len = len;
	} else if (!strcmp(name, "device_type")) {
		nd->devtype = len ? val : 0;
	} else if (!strcmp(name, "reg")) {
		nd->reg = val;
		nd->reg_len = len;
	} else if (len == 4 && !strcmp(name, "#address-cells")) {
		nd->ac = (uint8_t)be32_at(v);
	} else if (len == 4 && !strcmp(name, "#size-cells")) {
		nd->sc = (uint8_t)be32_at(v);
	} else if (len == 4 && (!strcmp(name, "phandle") || !strcmp(name, "linux,phandle"))) {
		nd->phandle = be32_at(v);
	} else if (len == 4 && !strcmp(name, "interrupt-parent")) {
		nd->irq_parent = be32_at(v);
	}
}

int dt_open(struct dt *dt, int cap, const void *fdt)
{
	int cur = -1, depth = 0, err;

	/* Only version 17 blobs (what every current DT compiler, QEMU, Xen and our hyp
	 * write): libfdt 1.6.1's fdt_check_full reads through a NULL pointer on some
	 * malformed pre-17 headers (found by tests/fuzz/fuzz_dt.c). */
	if (fdt_magic(fdt) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (fdt_version(fdt) < 17 || fdt_last_comp_version(fdt) > 17)
		return -FDT_ERR_BADVERSION;
	err = fdt_check_full(fdt, fdt_totalsize(fdt));
	if (err)
		return err;
	dt->fdt = fdt;
	dt->structs = (const char *)fdt + fdt_off_dt_struct(fdt);
	dt->n = 0;
	dt->cap = cap;
	dt->truncated = 0;

	const char *strings = (const char *)fdt + fdt_off_dt_strings(fdt);
	uint32_t size = fdt_size_dt_struct(fdt), off = 0;
	int stack[64];		/* index of the open node at each depth (-1: not indexed) */

	/* fdt_check_full has checked every token, name and length: walk without libfdt's
	 * per-token bounds checks. */
	while (off + 4 <= size) {
		uint32_t tag = be32_at(dt->structs + off), here = off;

		off += 4;
		if (tag == FDT_BEGIN_NODE) {
			const char *name = dt->structs + off;

			off += (strlen(name) + 4) & ~3u;
			if (depth >= 64)
				return -FDT_ERR_BADSTRUCTURE;
			int parent = depth ? stack[depth - 1] : -1;

			if (dt->n == cap || (depth && parent < 0)) {
				dt->truncated = 1;
				cur = -1;
			} else {
				struct dt_node *nd = &dt->node[dt->n];

				memset(nd, 0, sizeof(*nd));
				nd->off = here;
				nd->parent = (int16_t)parent;
				nd->depth = (uint8_t)depth;
				nd->ac = 2;	/* the spec's defaults */
				nd->sc = 1;
				nd->name = (uint32_t)(name - dt->structs);
				cur = dt->n++;
			}
			stack[depth++] = cur;
		} else if (tag == FDT_PROP) {
			uint32_t len = be32_at(dt->structs + off);
			uint32_t nameoff = be32_at(dt->structs + off + 4);

			off += 8;
			if (cur >= 0)
				note_prop(dt, &dt->node[cur], strings + nameoff, off, len);
			off += (len + 3) & ~3u;
		} else if (tag == FDT_END_NODE) {
			if (depth == 0)
				return -FDT_ERR_BADSTRUCTURE;
			depth--;
			cur = depth ? stack[depth - 1] : -1;
		} else if (tag == FDT_END) {
			break;
		} else if (tag != FDT_NOP) {
			return -FDT_ERR_BADSTRUCTURE;
		}
	}
	return dt->n ? 0 : -FDT_ERR_BADSTRUCTURE;
}

/* --- nodes and properties ---------------------------------------------------------- */

static int valid(const struct dt *dt, int n)
{
	return n >= 0 && n < dt->n;
}

int dt_off(const struct dt *dt, int n)
{
	return valid(dt, n) ? dt->node[n].off : -FDT_ERR_NOTFOUND;
}

const char *dt_name(const struct dt *dt, int n)
{
	return valid(dt, n) ? dt->structs + dt->node[n].name : "";
}

const void *dt_prop(const struct dt *dt, int n, const char *name, int *len)
{
	return valid(dt, n) ? fdt_getprop(dt->fdt, dt->node[n].off, name, len) : NULL;
}

const char *dt_string(const struct dt *dt, int n, const char *prop, const char *dflt)
{
	int len;
	const char *s = dt_prop(dt, n, prop, &len);

	if (!s || len <= 0 || s[len - 1] != '\0')
		return dflt;
	return s;
}

uint32_t dt_u32(const struct dt *dt, int n, const char *prop, uint32_t dflt)
{
	int len;
	const fdt32_t *p = dt_prop(dt, n, prop, &len);

	return p && len == 4 ? fdt32_to_cpu(*p) : dflt;
}

static int name_matches(const char *node, const char *want, size_t wlen)
{
	return !strncmp(node, want, wlen) && (node[wlen] == '\0' || node[wlen] == '@');
}

int dt_first_child(const struct dt *dt, int n)
{
	return valid(dt, n + 1) && dt->node[n + 1].parent == n ? n + 1 : -1;
}

int dt_next_sibling(const struct dt *dt, int c)
{
	if (!valid(dt, c))
		return -1;
	for (int i = c + 1; i < dt->n && dt->node[i].depth >= dt->node[c].depth; i++)
		if (dt->node[i].parent == dt->node[c].parent)
			return i;
	return -1;
}

static int child_n(const struct dt *dt, int n, const char *name, size_t len)
{
	for (int c = dt_first_child(dt, n); c >= 0; c = dt_next_sibling(dt, c))
		if (name_matches(dt_name(dt, c), name, len))
			return c;
	return -1;
}

int dt_child(const struct dt *dt, int n, const char *name)
{
	return child_n(dt, n, name, strlen(name));
}

int dt_path(const struct dt *dt, const char *path)
{
	int n = 0;

	if (!path || path[0] != '/' || !dt->n)
		return -1;
	while (*path && n >= 0) {
		while (*path == '/')
			path++;
		size_t len = strcspn(path, "/");

		if (len)
			n = child_n(dt, n, path, len);
		path += len;
	}
	return n;
}

int dt_by_phandle(const struct dt *dt, uint32_t phandle)
{
	for (int i = 0; phandle && i < dt->n; i++)
		if (dt->node[i].phandle == phandle)
			return i;
	return -1;
}

/* --- compatible -------------------------------------------------------------------- */

int dt_is_compatible(const struct dt *dt, int n, const char *c)
{
	if (!valid(dt, n) || !dt->node[n].compat)
		return 0;
	return fdt_stringlist_contains(dt->structs + dt->node[n].compat,
				       (int)dt->node[n].compat_len, c);
}

int dt_find_compatible(const struct dt *dt, int after, const char *const compat[],
		       int *which)
{
	for (int n = after < 0 ? 0 : after + 1; n < dt->n; n++) {
		if (!dt->node[n].compat)
			continue;
		for (int i = 0; compat[i]; i++) {
			if (dt_is_compatible(dt, n, compat[i])) {
				if (which)
					*which = i;
				return n;
			}
		}
	}
	return -1;
}

/* --- addresses and interrupts -------------------------------------------------------- */

static uint64_t read_cells(const char *p, uint32_t n)
{
	uint64_t v = 0;

	for (; n; n--, p += 4)
		v = (v << 32) | be32_at(p);
	return v;
}

int dt_reg(const struct dt *dt, int n, int idx, uint64_t *base, uint64_t *size)
{
	if (!valid(dt, n) || dt->node[n].parent < 0 || !dt->node[n].reg || idx < 0)
		return -1;
	const struct dt_node *p = &dt->node[dt->node[n].parent];
	uint32_t ac = p->ac, sc = p->sc, entry = (ac + sc) * 4;

	if (ac == 0 || ac > 2 || sc > 2 || dt->node[n].reg_len < (uint64_t)(idx + 1) * entry)
		return -1;
	const char *r = dt->structs + dt->node[n].reg + idx * entry;

	*base = read_cells(r, ac);
	*size = read_cells(r + ac * 4, sc);
	return 0;
}

int dt_irq(const struct dt *dt, int n, int idx, unsigned *intid)
{
	int gic = -1, len;

	for (int p = n; valid(dt, p); p = dt->node[p].parent) {
		if (dt->node[p].irq_parent) {
			gic = dt_by_phandle(dt, dt->node[p].irq_parent);
			break;
		}
	}
	if (gic < 0 || dt_u32(dt, gic, "#interrupt-cells", 0) != 3 || idx < 0)
		return -1;
	const fdt32_t *v = dt_prop(dt, n, "interrupts", &len);

	if (!v || len < (idx + 1) * 12)
		return -1;
	uint32_t type = fdt32_to_cpu(v[idx * 3]), num = fdt32_to_cpu(v[idx * 3 + 1]);

	if (type == 0 && num < 988)
		*intid = 32 + num;
	else if (type == 1 && num < 16)
		*intid = 16 + num;
	else
		return -1;
	return 0;
}

/* --- well-known nodes ---------------------------------------------------------------- */

int dt_stdout_node(const struct dt *dt)
{
	int chosen = dt_child(dt, 0, "chosen"), len;
	const char *path = dt_prop(dt, chosen, "stdout-path", &len);
	char buf[128];
	int n = 0;

	if (!path)
		path = dt_prop(dt, chosen, "linux,stdout-path", &len);
	if (!path || len <= 0)
		return -1;
	while (n < len && path[n] && path[n] != ':' && n < (int)sizeof(buf) - 1) {
		buf[n] = path[n];
		n++;
	}
	buf[n] = '\0';
	if (buf[0] == '/')
		return dt_path(dt, buf);
	return dt_path(dt, dt_string(dt, dt_child(dt, 0, "aliases"), buf, NULL));
}

static int is_devtype(const struct dt *dt, int n, const char *type)
{
	const struct dt_node *nd = &dt->node[n];

	return nd->devtype && !strcmp(dt->structs + nd->devtype, type);
}

int dt_memory(const struct dt *dt, struct dt_range *out, int max)
{
	int count = 0;

	for (int n = 0; n < dt->n; n++) {
		if (!is_devtype(dt, n, "memory"))
			continue;
		for (int i = 0; count < max; i++) {
			uint64_t b, s;

			if (dt_reg(dt, n, i, &b, &s))
				break;
			if (s == 0 || b + s < b)
				continue;
			out[count].base = b;
			out[count].size = s;
			count++;
		}
	}
	return count;
}

int dt_reserved(const struct dt *dt, struct dt_range *out, int max)
{
	int count = 0, num = fdt_num_mem_rsv(dt->fdt);
	int parent = dt_child(dt, 0, "reserved-memory");

	for (int i = 0; i < num && count < max; i++)
		if (fdt_get_mem_rsv(dt->fdt, i, &out[count].base, &out[count].size) == 0 &&
		    out[count].size)
			count++;
	for (int c = dt_first_child(dt, parent); c >= 0; c = dt_next_sibling(dt, c))
		for (int i = 0; count < max && !dt_reg(dt, c, i, &out[count].base,
						       &out[count].size); i++)
			if (out[count].size)
				count++;
	return count;
}

int dt_count_cpus(const struct dt *dt)
{
	int count = 0;

	for (int n = 0; n < dt->n; n++)
		count += is_devtype(dt, n, "cpu");
	return count;
}

const char *dt_bootarg(const char *args, const char *key, char *buf, size_t len)
{
	size_t klen = strlen(key);

	if (!args || !len)
		return NULL;
	for (const char *p = args; *p;) {
		while (*p == ' ')
			p++;
		const char *end = p;

		while (*end && *end != ' ')
			end++;
		if ((size_t)(end - p) >= klen && !strncmp(p, key, klen) &&
		    (p[klen] == '=' || p + klen == end)) {
			const char *v = p[klen] == '=' ? p + klen + 1 : end;
			size_t n = (size_t)(end - v) < len - 1 ? (size_t)(end - v) : len - 1;

			memcpy(buf, v, n);
			buf[n] = '\0';
			return buf;
		}
		p = end;
	}
	return NULL;
}
