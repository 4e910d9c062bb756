# drivers/xenbus: the xenbus core (event channels, grant table, xenstore client, state
# helpers), the PV console frontend, shutdown requests (control.c), blkfront
# (handshake blkfront_xs.c, ring blkfront.c) and netfront (netfront_xs.c, netfront.c).
# "xenbus-core" is the same set without the device frontends (blkfront, netfront), for
# a guest that drives its vbd or vif itself (tests/apps/xen-hostile): a frontend would
# take device/vbd or device/vif at probe time, before main().
drv-xenbus-core-y += $(addprefix drivers/xenbus/, core.c evtchn.c gnttab.c xs_ring.c xs.c \
	state.c console.c control.c)
drv-xenbus-y += $(drv-xenbus-core-y) $(addprefix drivers/xenbus/, blkfront_xs.c blkfront.c \
	netfront_xs.c netfront.c)
