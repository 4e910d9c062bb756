#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <libfdt.h>
#include "fmt.h"

void config_reject(struct dom_config *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->valid)
		return;			/* the first problem is the one reported */
	va_start(ap, fmt);
	fmt_vsnprintf(c->error, sizeof(c->error), fmt, ap);
	va_end(ap);
	c->valid = 0;
}

static void copy_str(char *dst, size_t n, const char *src)
{
	size_t len = strnlen(src, n - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* "memory": Xen reads a 64-bit value (two cells); one cell is accepted too. */
static void parse_memory(const struct dt *dt, int node, struct dom_config *c)
{
	int len;
	const fdt32_t *p = dt_prop(dt, node, "memory", &len);

	if (!p) {
		config_reject(c, "property \"memory\" is missing (KiB of RAM, e.g. <0 16384>)");
		return;
	}
	if (len == 4)
		c->mem_kib = fdt32_to_cpu(p[0]);
	else if (len == 8)
		c->mem_kib = (uint64_t)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
	else
		config_reject(c, "property \"memory\" has %d bytes: expected 1 or 2 cells", len);
	if (c->valid && c->mem_kib < MIN_MEM_KIB)
		config_reject(c, "property \"memory\" = %lu KiB: at least %u KiB expected",
			      (unsigned long)c->mem_kib, MIN_MEM_KIB);
	if (c->valid && c->mem_kib > (1UL << 30))
		config_reject(c, "property \"memory\" = %lu KiB: at most 1 TiB",
			      (unsigned long)c->mem_kib);
}

static void parse_policy(const struct dt *dt, int node, const char *prop,
			 enum exit_policy *out, struct dom_config *c)
{
	const char *v = dt_string(dt, node, prop, NULL);

	if (!v && !dt_prop(dt, node, prop, NULL))
		return;			/* keep the default */
	if (v && !strcmp(v, "destroy"))
		*out = POLICY_DESTROY;
	else if (v && !strcmp(v, "restart"))
		*out = POLICY_RESTART;
	else
		config_reject(c, "property \"%s\" = \"%s\": expected \"destroy\" or \"restart\"",
			      prop, v ? v : "(not a string)");
}

/* pvkit,console: "xen" (the PV console ring) or "vpl011" (as the vpl011 property).
 * A domain has one console: "xen" with vpl011 is refused. */
static void parse_console(const struct dt *dt, int node, struct dom_config *c)
{
	const char *v = dt_string(dt, node, "pvkit,console", NULL);

	if (!v && !dt_prop(dt, node, "pvkit,console", NULL))
		return;
	if (v && !strcmp(v, "vpl011"))
		c->vpl011 = 1;
	else if (v && !strcmp(v, "xen"))
		c->pv_console = 1;
	else
		config_reject(c, "property \"pvkit,console\" = \"%s\": expected \"xen\" or "
			      "\"vpl011\"", v ? v : "(not a string)");
	if (c->pv_console && c->vpl011)
		config_reject(c, "property \"pvkit,console\" = \"xen\" and property \"vpl011\": "
			      "a domain has one console (drop one)");
}

/* pvkit,disk = "<host disk index or name>", pvkit,disk-range = <first count> (sectors,
 * one or two cells each), pvkit,disk-readonly. Whether the disk exists and the range
 * fits it is known only once the host devices are probed (blkback_create). */
static void parse_disk(const struct dt *dt, int node, struct dom_config *c)
{
	const char *v = dt_string(dt, node, "pvkit,disk", NULL);
	const fdt32_t *p;
	int len;

	if (!v && !dt_prop(dt, node, "pvkit,disk", NULL)) {
		if (dt_prop(dt, node, "pvkit,disk-range", NULL) ||
		    dt_prop(dt, node, "pvkit,disk-readonly", NULL))
			config_reject(c, "property \"pvkit,disk-range\" or \"pvkit,disk-readonly\""
				      " without \"pvkit,disk\" (which host disk?)");
		return;
	}
	if (!v || !*v || strlen(v) >= sizeof(c->disk)) {
		config_reject(c, "property \"pvkit,disk\": expected a host disk index (\"0\") "
			      "or name (\"virtio-blk0\")");
		return;
	}
	copy_str(c->disk, sizeof(c->disk), v);
	c->disk_ro = dt_prop(dt, node, "pvkit,disk-readonly", NULL) != NULL;
	if (!(p = dt_prop(dt, node, "pvkit,disk-range", &len)))
		return;
	if (len == 8) {
		c->disk_first = fdt32_to_cpu(p[0]);
		c->disk_sectors = fdt32_to_cpu(p[1]);
	} else if (len == 16) {
		c->disk_first = (uint64_t)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
		c->disk_sectors = (uint64_t)fdt32_to_cpu(p[2]) << 32 | fdt32_to_cpu(p[3]);
	} else {
		config_reject(c, "property \"pvkit,disk-range\" has %d bytes: expected <first "
			      "count> in sectors, one or two cells each", len);
		return;
	}
	if (!c->disk_sectors || c->disk_first + c->disk_sectors < c->disk_first)
		config_reject(c, "property \"pvkit,disk-range\" = %lu+%lu: expected a non-empty "
			      "range", (unsigned long)c->disk_first,
			      (unsigned long)c->disk_sectors);
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* "aa:bb:cc:dd:ee:ff" (17 characters): 0, or -1. */
static int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++, s += 3) {
		int hi = hexval(s[0]), lo = hexval(s[1]);

		if (hi < 0 || lo < 0 || s[2] != (i < 5 ? ':' : '\0'))
			return -1;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* pvkit,vif: a network interface on the hyp's switch (netback). Empty: the address
 * is 02:70:76:00:<domain id, 16 bits> ("pv", locally administered), set once the id is
 * known; or a string "aa:bb:cc:dd:ee:ff", which must be a unicast address. */
static void parse_vif(const struct dt *dt, int node, struct dom_config *c)
{
	int len;
	const char *v = dt_prop(dt, node, "pvkit,vif", &len);

	if (!v)
		return;
	c->vif = 1;
	if (len == 0) {
		c->vif_mac_default = 1;
		return;
	}
	if (len != 18 || v[17] != '\0' || parse_mac(v, c->vif_mac)) {
		config_reject(c, "property \"pvkit,vif\" = \"%.*s\": expected a MAC address "
			      "\"aa:bb:cc:dd:ee:ff\" or no value", len > 0 ? len - 1 : 0, v);
		return;
	}
	if (c->vif_mac[0] & 1)
		config_reject(c, "property \"pvkit,vif\" = \"%s\": a multicast address; "
			      "expected a unicast one (first octet even)", v);
}

static void parse_module(const struct dt *dt, int m, struct dom_config *c)
{
	int kernel = dt_is_compatible(dt, m, "multiboot,kernel");
	int ramdisk = dt_is_compatible(dt, m, "multiboot,ramdisk");
	uint64_t base, size;

	if (!kernel && !ramdisk)
		return;			/* e.g. a device-tree module: not ours */
	if (dt_reg(dt, m, 0, &base, &size) || size == 0) {
		config_reject(c, "%s: property \"reg\" is missing or empty (base and size "
			      "of the module in memory)", dt_name(dt, m));
		return;
	}
	if (base + size < base) {
		config_reject(c, "%s: property \"reg\" wraps around the address space",
			      dt_name(dt, m));
		return;
	}
	if (kernel) {
		if (c->kernel_size) {
			config_reject(c, "%s: a second \"multiboot,kernel\" module", dt_name(dt, m));
			return;
		}
		c->kernel_base = base;
		c->kernel_size = size;
		const char *args = dt_string(dt, m, "bootargs", NULL);

		if (args && strlen(args) >= CFG_ARGS_MAX)
			config_reject(c, "%s: property \"bootargs\" is %zu bytes: at most %d",
				      dt_name(dt, m), strlen(args), CFG_ARGS_MAX - 1);
		else if (args)
			copy_str(c->bootargs, sizeof(c->bootargs), args);
	} else {
		if (c->ramdisk_size) {
			config_reject(c, "%s: a second \"multiboot,ramdisk\" module", dt_name(dt, m));
			return;
		}
		c->ramdisk_base = base;
		c->ramdisk_size = size;
	}
}

static void parse_domain(const struct dt *dt, int node, struct dom_config *c)
{
	memset(c, 0, sizeof(*c));
	c->valid = 1;
	copy_str(c->name, sizeof(c->name), dt_name(dt, node));
	c->on_poweroff = POLICY_DESTROY;
	c->on_reboot = POLICY_RESTART;
	c->on_crash = POLICY_DESTROY;
	c->max_restarts = dt_u32(dt, node, "pvkit,max-restarts", 3);
	c->pcpu = (int)dt_u32(dt, node, "pvkit,pcpu", (uint32_t)-1);

	parse_memory(dt, node, c);
	int len;

	if (!dt_prop(dt, node, "cpus", &len))
		c->vcpus = 1;
	else	/* a malformed value counts as 0 and is rejected below */
		c->vcpus = len == 4 ? dt_u32(dt, node, "cpus", 0) : 0;
	if (c->vcpus < 1 || c->vcpus > MAX_VCPUS)
		config_reject(c, "property \"cpus\" = %u: expected 1 to %d", c->vcpus, MAX_VCPUS);
	if (c->pcpu < -1 || c->pcpu > 63)
		config_reject(c, "property \"pvkit,pcpu\" = %d: expected a CPU number", c->pcpu);
	if (c->max_restarts > 1000)
		config_reject(c, "property \"pvkit,max-restarts\" = %u: at most 1000",
			      c->max_restarts);
	c->vpl011 = dt_prop(dt, node, "vpl011", NULL) != NULL;
	parse_console(dt, node, c);
	parse_disk(dt, node, c);
	parse_vif(dt, node, c);
	parse_policy(dt, node, "pvkit,on-poweroff", &c->on_poweroff, c);
	parse_policy(dt, node, "pvkit,on-reboot", &c->on_reboot, c);
	parse_policy(dt, node, "pvkit,on-crash", &c->on_crash, c);

	for (int m = dt_first_child(dt, node); m >= 0; m = dt_next_sibling(dt, m))
		parse_module(dt, m, c);
	if (!c->kernel_size)
		config_reject(c, "no module node with compatible \"multiboot,kernel\" (the "
			      "image to boot)");
}

int config_parse(const struct dt *dt, struct dom_config *out, int max)
{
	int chosen = dt_path(dt, "/chosen"), n = 0;

	for (int c = dt_first_child(dt, chosen); c >= 0; c = dt_next_sibling(dt, c)) {
		if (!dt_is_compatible(dt, c, "xen,domain"))
			continue;
		if (n == max)
			return n + 1;		/* the caller reports the excess */
		parse_domain(dt, c, &out[n]);
		out[n].id = (unsigned)n + 1;
		if (out[n].vif_mac_default) {
			static const uint8_t pv[4] = { 0x02, 0x70, 0x76, 0x00 };

			memcpy(out[n].vif_mac, pv, 4);
			out[n].vif_mac[4] = (uint8_t)(out[n].id >> 8);
			out[n].vif_mac[5] = (uint8_t)out[n].id;
		}
		n++;
	}
	return n;
}

int config_count(const struct dt *dt)
{
	int chosen = dt_path(dt, "/chosen"), n = 0;

	for (int c = dt_first_child(dt, chosen); c >= 0; c = dt_next_sibling(dt, c))
		n += dt_is_compatible(dt, c, "xen,domain");
	return n;
}

static int overlaps(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
	return b1 < b2 + s2 && b2 < b1 + s1;
}

/* Overlapping, and not the same module shared (identical "reg"). */
static int clashes(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
	return overlaps(b1, s1, b2, s2) && !(b1 == b2 && s1 == s2);
}

static int in_ram(uint64_t b, uint64_t s, const struct dt_range *ram, int nram)
{
	for (int i = 0; i < nram; i++)
		if (b >= ram[i].base && b + s <= ram[i].base + ram[i].size)
			return 1;
	return 0;
}

static void check_one(struct dom_config *c, const char *what, uint64_t b, uint64_t s,
		      struct dom_config *all, int idx, const struct dt_range *ram, int nram,
		      const struct dt_range *rsv, int nrsv)
{
	if (!s)
		return;
	if (!in_ram(b, s, ram, nram)) {
		config_reject(c, "%s module: \"reg\" %#lx+%#lx is not inside RAM", what,
			      (unsigned long)b, (unsigned long)s);
		return;
	}
	for (int i = 0; i < nrsv; i++)
		if (overlaps(b, s, rsv[i].base, rsv[i].size))
			config_reject(c, "%s module: \"reg\" %#lx+%#lx overlaps memory the hyp "
				      "uses (%#lx+%#lx)", what, (unsigned long)b,
				      (unsigned long)s, (unsigned long)rsv[i].base,
				      (unsigned long)rsv[i].size);
	for (int j = 0; j < idx; j++) {
		struct dom_config *o = &all[j];

		if (o->error[0] && !o->kernel_size)
			continue;
		if (clashes(b, s, o->kernel_base, o->kernel_size) ||
		    (o->ramdisk_size && clashes(b, s, o->ramdisk_base, o->ramdisk_size)))
			config_reject(c, "%s module: \"reg\" %#lx+%#lx overlaps a module of "
				      "domain %s", what, (unsigned long)b, (unsigned long)s,
				      o->name);
	}
}

void config_check_modules(struct dom_config *c, int n, const struct dt_range *ram,
			  int nram, const struct dt_range *rsv, int nrsv)
{
	for (int i = 0; i < n; i++) {
		if (!c[i].valid)
			continue;
		check_one(&c[i], "kernel", c[i].kernel_base, c[i].kernel_size, c, i, ram, nram,
			  rsv, nrsv);
		check_one(&c[i], "ramdisk", c[i].ramdisk_base, c[i].ramdisk_size, c, i, ram,
			  nram, rsv, nrsv);
		if (c[i].ramdisk_size && overlaps(c[i].kernel_base, c[i].kernel_size,
						  c[i].ramdisk_base, c[i].ramdisk_size))
			config_reject(&c[i], "ramdisk module: \"reg\" overlaps the kernel module");
	}
}
