/* hyp/core/config.c's pvkit,console property (dts/test/xenconsole.dts): "xen" gives
 * the PV console, "vpl011" the emulated UART, both at once or another value is
 * refused with a message naming the property. And the pvkit,disk properties
 * (dts/test/xendisk.dts): a host disk by index or name, an optional range, read-only. */
#include <libfdt.h>
#include <stdlib.h>

#include "config.h"
#include "tap.h"

static DT_STORAGE(st, 32);

int main(void)
{
	void *blob = slurp(DTB_DIR "/xenconsole.dtb", NULL);
	struct dom_config c[MAX_DOMAINS];
	struct dt *dt = &st.dt;

	ok(blob && dt_open(dt, 32, blob) == 0, "xenconsole.dtb opens");
	is_int(config_parse(dt, c, MAX_DOMAINS), 5, "five domains");
	ok(c[0].valid && c[0].pv_console && !c[0].vpl011, "\"xen\": the PV console (%s)",
	   c[0].error);
	ok(c[1].valid && c[1].vpl011 && !c[1].pv_console, "\"vpl011\": as the vpl011 property");
	ok(!c[2].valid && strstr(c[2].error, "a domain has one console"),
	   "both refused: %s", c[2].error);
	ok(!c[3].valid && strstr(c[3].error, "\"pvkit,console\" = \"serial\""),
	   "another value refused: %s", c[3].error);
	ok(c[4].valid && !c[4].vpl011 && !c[4].pv_console, "neither: console_io only");
	ok(!c[0].disk[0], "no pvkit,disk: no vbd");

	free(blob);		/* the configs hold copies, not pointers into it */
	void *blob2 = slurp(DTB_DIR "/xendisk.dtb", NULL);

	ok(blob2 && dt_open(dt, 32, blob2) == 0, "xendisk.dtb opens");
	is_int(config_parse(dt, c, MAX_DOMAINS), 6, "six domains");
	ok(c[0].valid && !strcmp(c[0].disk, "0") && !c[0].disk_first && !c[0].disk_sectors &&
	   !c[0].disk_ro, "whole disk 0 (%s)", c[0].error);
	ok(c[1].valid && !strcmp(c[1].disk, "virtio-blk1") && c[1].disk_first == 4096 &&
	   c[1].disk_sectors == 8192 && c[1].disk_ro, "by name, 64-bit range, read-only");
	ok(c[2].valid && c[2].disk_first == 16 && c[2].disk_sectors == 32,
	   "one-cell range");
	ok(!c[3].valid && strstr(c[3].error, "non-empty"), "empty range refused: %s",
	   c[3].error);
	ok(!c[4].valid && strstr(c[4].error, "without \"pvkit,disk\""),
	   "read-only without a disk refused: %s", c[4].error);
	ok(!c[5].valid && strstr(c[5].error, "has 12 bytes"), "three cells refused: %s",
	   c[5].error);
	free(blob2);
	return done_testing();
}
