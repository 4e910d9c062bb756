/* Attaching the linked drivers (driver.h), for the runtime and the hyp alike. */
#include <errno.h>

#include "driver.h"
#include "dt.h"
#include "env.h"

extern const struct pv_driver __pv_drivers_start[], __pv_drivers_end[];

void drv_probe_all(const struct dt *dt)
{
	for (const struct pv_driver *d = __pv_drivers_start; d < __pv_drivers_end; d++) {
		const char *compat[] = { d->compatible, NULL };

		for (int n = dt_find_compatible(dt, -1, compat, NULL); n >= 0;
		     n = dt_find_compatible(dt, n, compat, NULL)) {
			int err = d->probe(dt, n);

			/* -ENODEV: an empty transport (QEMU's virt has 32). */
			if (err && err != -ENODEV)
				drv_log(1, "%s: %s: probe failed (error %d)", d->name,
					dt_name(dt, n), err);
		}
	}
}
