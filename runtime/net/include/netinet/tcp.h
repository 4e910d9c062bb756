/* <netinet/tcp.h> for apps built with NET := lwip: the BSD sockets API is lwIP's
 * (lwipopts.h: LWIP_COMPAT_SOCKETS 2 gives it the standard function names). */
#ifndef PVKIT_NET_NETINET_TCP_H
#define PVKIT_NET_NETINET_TCP_H

#include <lwip/sockets.h>

#endif
