# drivers/xenbus: the xenbus core (event channels, grant table, xenstore client, state
# helpers) and the PV console frontend; blkfront and netfront come in phase 2.
drv-xenbus-y += $(addprefix drivers/xenbus/, core.c evtchn.c gnttab.c xs_ring.c xs.c \
	state.c console.c control.c)
