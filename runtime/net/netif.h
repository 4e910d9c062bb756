/* lwIP network interfaces on pvkit network devices (runtime/net/netif.c). */
#ifndef RUNTIME_NET_NETIF_H
#define RUNTIME_NET_NETIF_H

struct netif;
struct pv_net;

/* Allocate the glue for dev and its receive thread. Returns the netif's init
 * function's state to pass to netif_add(..., state, pvnetif_init, tcpip_input), or
 * NULL when memory ran out. */
void *pvnetif_create(struct pv_net *dev);
/* netif_add()'s init callback (lwIP's netif_init_fn). */
signed char pvnetif_init(struct netif *netif);

#endif
