# drivers/xenbus: the xenbus core (event channels, grant table, xenstore client, state
# helpers), the PV console frontend and netfront (xenstore half netfront_xs.c, rings
# netfront.c).
drv-xenbus-y += $(addprefix drivers/xenbus/, core.c evtchn.c gnttab.c xs_ring.c xs.c \
	state.c console.c netfront_xs.c netfront.c)
