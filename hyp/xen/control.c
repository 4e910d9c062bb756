/* control/shutdown requests to guests (control.h). */
#include "control.h"
#include "domain.h"
#include "fmt.h"
#include "xenstore.h"

int xen_control_poweroff(struct domain *d)
{
	char path[64], val[4];

	fmt_snprintf(path, sizeof(path), "/local/domain/%u/control/feature-poweroff", d->id);
	if (xenstore_read(path, val, sizeof(val)) || val[0] != '1' || val[1])
		return -1;
	fmt_snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown", d->id);
	return xenstore_write(path, "poweroff") ? -1 : 0;
}
