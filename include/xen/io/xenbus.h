/*
 * Device states a frontend and its backend publish in their xenstore directories
 * ("state"), and the handshake they follow (Xen's io/xenbus.h):
 *
 *   backend  Initialising -> InitWait (its keys are written)
 *   frontend Initialising -> Initialised (ring-ref, event-channel written)
 *   backend  -> Connected (rings mapped)   frontend -> Connected
 *   either   -> Closing -> Closed (the other follows)
 */
#ifndef PVKIT_XEN_IO_XENBUS_H
#define PVKIT_XEN_IO_XENBUS_H

enum xenbus_state {
	XenbusStateUnknown = 0,
	XenbusStateInitialising = 1,
	XenbusStateInitWait = 2,
	XenbusStateInitialised = 3,
	XenbusStateConnected = 4,
	XenbusStateClosing = 5,
	XenbusStateClosed = 6,
	XenbusStateReconfiguring = 7,
	XenbusStateReconfigured = 8,
};

#endif
