/* hyp/core/config.c's pvkit,console property (dts/test/xenconsole.dts): "xen" gives
 * the PV console, "vpl011" the emulated UART, both at once or another value is
 * refused with a message naming the property. */
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
	return done_testing();
}
