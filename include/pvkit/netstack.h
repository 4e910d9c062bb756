/*
 * The TCP/IP stack (lwIP) for apps built with `NET := lwip` (docs/NET.md). After
 * pv_netstack_start() the BSD sockets API is usable: include <sys/socket.h>,
 * <netinet/in.h>, <netinet/tcp.h> (pvkit provides them on top of lwIP). libc's
 * read/write/close do not know sockets: use recv, send and closesocket.
 */
#ifndef PVKIT_NETSTACK_H
#define PVKIT_NETSTACK_H

#include <stdint.h>

struct pv_netstack_addr {
	uint32_t addr, mask, gw;	/* host byte order */
	int dhcp;			/* 1: leased by DHCP, 0: static ip= */
	const char *dev;		/* device name, e.g. "virtio-net0" */
};

/*
 * Start the stack and bring up the first network device with the bootargs' address
 * (ip=A.B.C.D/N gw=A.B.C.D) or, by default, DHCP; logs
 * "pvkit: net: <dev> <A.B.C.D>/<N> gw <A.B.C.D> (dhcp|static)" once bound.
 * MUST be called once, from a thread, before any socket call. Returns:
 *   0           an address is configured (*out filled if out is not NULL)
 *   -ENODEV     no network device: only the loopback interface (127.0.0.1) is up
 *   -EINVAL     ip= or gw= is malformed (the log says which); the device stays down
 *   -ETIMEDOUT  DHCP got no lease within timeout_ms; it keeps trying in the background
 *   -ENOMEM     memory for the stack's threads or buffers ran out
 */
int pv_netstack_start(unsigned timeout_ms, struct pv_netstack_addr *out);

#endif
