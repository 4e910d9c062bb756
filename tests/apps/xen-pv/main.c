/* xen-pv: see xenpv.h. Bootargs: role=alpha|beta peer=<domid>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>
#include <pvkit/pvkit.h>

#include "xenpv.h"

int main(void)
{
	char role[16], peer[8];

	if (!pv_bootarg("role", role, sizeof(role)) || !pv_bootarg("peer", peer, sizeof(peer))) {
		printf("xenpv: usage: bootargs role=alpha|beta peer=<domid>\n");
		return 2;
	}
	/* These lines reach the hyp through the xencons ring: there is no UART. */
	const void *fdt = pv_sysinfo()->fdt;
	int uart = fdt_node_offset_by_compatible(fdt, -1, "arm,sbsa-uart") >= 0 ||
		   fdt_node_offset_by_compatible(fdt, -1, "arm,pl011") >= 0;

	check(!uart, "console", "%s", uart ? "a UART is in the DT" : "no UART in the DT");
	self_ipi();
	xenstore_basics();
	if (!strcmp(role, "alpha"))
		run_alpha((unsigned)atoi(peer));
	else
		run_beta((unsigned)atoi(peer));
	if (pv_bootarg("input", role, sizeof(role)))
		console_input();
	printf("xenpv: %d failed\n", failures);
	return failures ? 1 : 0;
}
