/* hyp/core/config.c against dts/test/hypconfig.dts: the dom0less binding, pvkit's
 * properties and every rejection message (which must name the property). */
#include <libfdt.h>
#include <stdlib.h>

#include "config.h"
#include "tap.h"

static DT_STORAGE(st, 64);

static int has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

int main(void)
{
	size_t len;
	void *blob = slurp(DTB_DIR "/hypconfig.dtb", &len);
	struct dt *dt = &st.dt;
	struct dom_config c[MAX_DOMAINS];
	struct dt_range ram = { 0x40000000, 0x40000000 };
	struct dt_range rsv[1] = { { 0x40000000, 0x200000 } };

	ok(blob && dt_open(dt, 64, blob) == 0, "hypconfig.dtb opens");
	int n = config_parse(dt, c, MAX_DOMAINS);

	is_int(n, 8, "eight xen,domain nodes (bootargs in /chosen is not one)");
	config_check_modules(c, n, &ram, 1, rsv, 1);

	is_str(c[0].name, "good", "names come from the nodes");
	ok(c[0].valid, "good is valid (%s)", c[0].error);
	is_int(c[0].id, 1, "ids count from 1");
	is_int(c[0].mem_kib, 16384, "memory in KiB, two cells");
	is_int(c[0].vcpus, 2, "cpus");
	ok(c[0].vpl011, "vpl011");
	ok(c[0].on_crash == POLICY_RESTART && c[0].on_reboot == POLICY_RESTART &&
	   c[0].on_poweroff == POLICY_DESTROY, "policies: given and defaults");
	is_int(c[0].max_restarts, 5, "pvkit,max-restarts");
	ok(c[0].kernel_base == 0x60000000 && c[0].kernel_size == 0x100000, "kernel reg");
	ok(c[0].ramdisk_base == 0x60200000 && c[0].ramdisk_size == 0x10000, "ramdisk reg");
	is_str(c[0].bootargs, "console=hvc0 x=1", "bootargs from the kernel module");

	ok(c[1].valid && c[1].mem_kib == 8192 && c[1].vcpus == 1, "Xen's 1-cell layout");
	ok(c[1].kernel_base == 0x61000000 && c[1].kernel_size == 0x1000, "1-cell reg");

	ok(!c[2].valid && has(c[2].error, "overlaps a module of domain good"),
	   "overlap rejected: %s", c[2].error);
	ok(!c[3].valid && has(c[3].error, "property \"memory\" is missing"),
	   "missing memory: %s", c[3].error);
	ok(!c[4].valid && has(c[4].error, "property \"cpus\" = 0"), "cpus 0: %s", c[4].error);
	ok(!c[5].valid && has(c[5].error, "\"pvkit,on-reboot\" = \"sometimes\""),
	   "bad policy: %s", c[5].error);
	ok(!c[6].valid && has(c[6].error, "is not inside RAM"), "outside RAM: %s", c[6].error);
	ok(!c[7].valid && has(c[7].error, "\"multiboot,kernel\""), "no kernel: %s", c[7].error);

	/* Domains may share a module (identical reg); a partial overlap is still refused. */
	struct dom_config two[3];

	two[0] = two[1] = two[2] = c[1];
	two[1].id = 2;
	two[2].id = 3;
	two[2].kernel_base += 0x800;
	config_check_modules(two, 3, &ram, 1, rsv, 1);
	ok(two[0].valid && two[1].valid, "identical reg: one module shared (%s)", two[1].error);
	ok(!two[2].valid && has(two[2].error, "overlaps a module of domain"),
	   "partial overlap still rejected: %s", two[2].error);
	is_int(config_count(dt), 8, "config_count counts the xen,domain nodes");

	/* A module on the hyp's own memory. */
	struct dom_config one[1];

	one[0] = c[0];
	one[0].kernel_base = 0x40100000;
	config_check_modules(one, 1, &ram, 1, rsv, 1);
	ok(!one[0].valid && has(one[0].error, "overlaps memory the hyp uses"),
	   "module over the hyp: %s", one[0].error);
	return done_testing();
}
