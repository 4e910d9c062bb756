/* lib/dt.c against dts/test/base.dts and deliberately broken blobs. */
#include <libfdt.h>
#include <stdlib.h>

#include "dt.h"
#include "tap.h"

static DT_STORAGE(st, 64);

int main(void)
{
	size_t len;
	void *blob = slurp(DTB_DIR "/base.dtb", &len);
	struct dt *dt = &st.dt;
	struct dt_range r[8];
	uint64_t b, s;
	unsigned intid;
	char buf[32];

	ok(blob != NULL, "base.dtb readable");
	is_int(dt_open(dt, 64, blob), 0, "dt_open accepts a valid blob");
	ok(!dt->truncated, "all nodes indexed");
	is_str(dt_string(dt, 0, "model", "?"), "pvkit test machine", "root model");

	int n = dt_stdout_node(dt);
	is_str(dt_name(dt, n), "pl011@9000000", "stdout-path alias with options resolves");
	ok(dt_reg(dt, n, 0, &b, &s) == 0 && b == 0x9000000 && s == 0x1000, "uart reg");
	ok(dt_irq(dt, n, 0, &intid) == 0 && intid == 33, "uart SPI 1 -> INTID 33");
	ok(dt_reg(dt, n, 1, &b, &s) == -1, "no second reg entry");

	is_int(dt_memory(dt, r, 8), 2, "two non-empty RAM banks");
	ok(r[0].base == 0x40000000 && r[0].size == 0x8000000, "bank 0");
	ok(r[1].base == 0x100000000ULL && r[1].size == 0x100000, "bank 1 above 4 GiB");
	is_int(dt_memory(dt, r, 1), 1, "memory output bounded by max");

	is_int(dt_reserved(dt, r, 8), 2, "memreserve + reserved-memory child");
	ok(r[0].base == 0x40000000 && r[0].size == 0x1000, "memreserve entry");
	ok(r[1].base == 0x41000000 && r[1].size == 0x200000, "reserved-memory child");

	is_int(dt_count_cpus(dt), 2, "two cpus");
	static const char *const gics[] = { "arm,cortex-a15-gic", "arm,gic-v3", NULL };
	int which = -1;
	int g = dt_find_compatible(dt, -1, gics, &which);
	ok(g >= 0 && which == 1, "finds the GICv3 by its compatible");
	ok(dt_reg(dt, g, 1, &b, &s) == 0 && b == 0x80a0000 && s == 0xf60000, "gic redistributors");

	static const char *const timer[] = { "arm,armv8-timer", NULL };
	int t = dt_find_compatible(dt, -1, timer, NULL);
	ok(dt_irq(dt, t, 2, &intid) == 0 && intid == 27, "virtual timer PPI 11 -> INTID 27");
	ok(dt_irq(dt, t, 4, &intid) == -1, "no fifth timer interrupt");

	static const char *const vio[] = { "virtio,mmio", NULL };
	int v0 = dt_find_compatible(dt, -1, vio, NULL), v1 = dt_find_compatible(dt, v0, vio, NULL);
	ok(v0 >= 0 && v1 > v0 && dt_find_compatible(dt, v1, vio, NULL) < 0, "iterates both virtio nodes");
	ok(dt_reg(dt, v1, 0, &b, &s) == 0 && b == 0xa000200 && s == 0x200, "1-cell reg under soc");
	is_int(dt_path(dt, "/soc/virtio_mmio@a000200"), v1, "dt_path with unit address");
	is_int(dt_path(dt, "/cpus/cpu@1"), dt_next_sibling(dt, dt_path(dt, "/cpus/cpu@0")), "siblings");
	is_int(dt_path(dt, "/nonexistent"), -1, "missing path");
	is_int(dt_path(dt, "relative"), -1, "relative path rejected");

	is_str(dt_bootarg(dt_string(dt, dt_child(dt, 0, "chosen"), "bootargs", ""), "ip", buf, sizeof(buf)),
	       "10.0.0.2", "bootarg value");
	is_str(dt_bootarg("a quiet b=1", "quiet", buf, sizeof(buf)), "", "bare bootarg");
	ok(dt_bootarg("quietly=1", "quiet", buf, sizeof(buf)) == NULL, "prefix is not a match");
	is_str(dt_bootarg("k=0123456789", "k", buf, 5), "0123", "bootarg value truncated to buffer");

	/* A truncated copy: the header still claims the full size. */
	char *cut = calloc(1, len);
	memcpy(cut, blob, len / 2);
	ok(dt_open(dt, 64, cut) < 0, "truncated blob rejected (%s)", fdt_strerror(dt_open(dt, 64, cut)));
	memcpy(cut, blob, len);
	cut[0] ^= 0xff;
	ok(dt_open(dt, 64, cut) < 0, "bad magic rejected");
	memcpy(cut, blob, len);
	fdt_set_version(cut, 16);
	is_int(dt_open(dt, 64, cut), -FDT_ERR_BADVERSION, "pre-17 blob rejected before libfdt sees it");

	/* An index too small for the tree: truncated, but what is there is usable. */
	static DT_STORAGE(small, 4);
	ok(dt_open(&small.dt, 4, blob) == 0 && small.dt.truncated && small.dt.n == 4,
	   "index capacity respected and truncation flagged");
	free(cut);
	free(blob);
	return done_testing();
}
