# drivers/xenbus: the xenbus core (event channels, grant table, xenstore client, state
# helpers), the PV console frontend, shutdown requests (control.c), blkfront
# (handshake blkfront_xs.c, ring blkfront.c) and netfront (netfront_xs.c, netfront.c).
# "xenbus-core" is the same set without the block frontend, for a guest that drives
# its vbd itself (tests/apps/xen-hostile): blkfront would take device/vbd first.
drv-xenbus-core-y += $(addprefix drivers/xenbus/, core.c evtchn.c gnttab.c xs_ring.c xs.c \
	state.c console.c control.c netfront_xs.c netfront.c)
drv-xenbus-y += $(drv-xenbus-core-y) drivers/xenbus/blkfront_xs.c drivers/xenbus/blkfront.c
