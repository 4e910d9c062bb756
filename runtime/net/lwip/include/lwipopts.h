/*
 * lwIP configuration for pvkit: IPv4, TCP, UDP, DHCP, sockets, on cooperative threads
 * (NO_SYS=0). Pool and window sizes are defaults an application may override by
 * defining PVKIT_LWIP_* before the build (see docs/PORTING.md).
 */
#ifndef PVKIT_LWIPOPTS_H
#define PVKIT_LWIPOPTS_H

#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
#define LWIP_TCPIP_CORE_LOCKING		1
#define LWIP_IPV4			1
#define LWIP_IPV6			0
#define LWIP_TCP			1
#define LWIP_UDP			1
#define LWIP_DHCP			1
#define LWIP_DNS			0
#define LWIP_ARP			1
#define LWIP_ICMP			1
#define LWIP_RAW			0
#define LWIP_IGMP			0
#define LWIP_NETCONN			1
#define LWIP_SOCKET			1
#define LWIP_COMPAT_SOCKETS		1
#define LWIP_POSIX_SOCKETS_IO_NAMES	0
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_SNDTIMEO		1
#define LWIP_TCP_KEEPALIVE		1
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_HOSTNAME		1
#define LWIP_STATS			0
#define LWIP_ETHERNET			1
#define ETH_PAD_SIZE			0
#define LWIP_CHKSUM_ALGORITHM		3

/* Memory: sizes come from here, never from guesses in the code. */
#ifndef PVKIT_LWIP_MEM_SIZE
#define PVKIT_LWIP_MEM_SIZE		(256 * 1024)
#endif
#define MEM_ALIGNMENT			8
#define MEM_SIZE			PVKIT_LWIP_MEM_SIZE
#define MEMP_NUM_TCP_PCB		64
#define MEMP_NUM_TCP_PCB_LISTEN		8
#define MEMP_NUM_TCP_SEG		256
#define MEMP_NUM_NETCONN		60	/* <= libc FD_SETSIZE (64) */
#define MEMP_NUM_NETBUF			32
#define MEMP_NUM_TCPIP_MSG_INPKT	128
#define PBUF_POOL_SIZE			256
#define TCP_MSS				1460
#define TCP_WND				(16 * TCP_MSS)
#define TCP_SND_BUF			(16 * TCP_MSS)
#define TCP_SND_QUEUELEN		(4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG		1
#define TCPIP_MBOX_SIZE			128
#define DEFAULT_TCP_RECVMBOX_SIZE	64
#define DEFAULT_ACCEPTMBOX_SIZE		32
#define DEFAULT_UDP_RECVMBOX_SIZE	32
#define DEFAULT_RAW_RECVMBOX_SIZE	8
#define TCPIP_THREAD_STACKSIZE		(16 * 1024)
#define TCPIP_THREAD_PRIO		1
#define DEFAULT_THREAD_STACKSIZE	(16 * 1024)
#define LWIP_TIMEVAL_PRIVATE		0

#endif
