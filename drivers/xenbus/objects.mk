# drivers/xenbus: the xenbus core (event channels, grant table, xenstore client, state
# helpers), the PV console frontend, shutdown requests (control.c) and blkfront
# (handshake blkfront_xs.c, ring blkfront.c); netfront comes next.
drv-xenbus-y += $(addprefix drivers/xenbus/, core.c evtchn.c gnttab.c xs_ring.c xs.c \
	state.c console.c control.c blkfront_xs.c blkfront.c)
