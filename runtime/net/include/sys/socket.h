/* <sys/socket.h> for apps built with NET := lwip: the BSD sockets API is lwIP's
 * (lwipopts.h: LWIP_COMPAT_SOCKETS 2 gives it the standard function names). */
#ifndef PVKIT_NET_SYS_SOCKET_H
#define PVKIT_NET_SYS_SOCKET_H

#include <lwip/sockets.h>

#endif
