/*
 * lwIP configuration for pvkit: IPv4, TCP, UDP (for DHCP), sockets and netconn, on
 * cooperative threads (NO_SYS=0). docs/NET.md explains the knobs.
 *
 * Every pool and buffer of the stack is sized here; the port's code never guesses a
 * size. The numbers are chosen so that httpd (64 connections) runs in 4 MiB of guest
 * RAM: about 520 KiB of the image's bss is lwIP's (pools, heap and pbufs below).
 *
 * One knob lives in the build instead: PVKIT_NET_SOCKETS (mk/net.mk), because the
 * same number must size libc's fd_set in every file that uses select(), and only a
 * compiler flag reaches libc's <sys/select.h> before it is first included.
 */
#ifndef PVKIT_LWIPOPTS_H
#define PVKIT_LWIPOPTS_H

/* --- what is built ------------------------------------------------------------------ */
#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
#define LWIP_IPV4			1
#define LWIP_IPV6			0
#define LWIP_TCP			1
#define LWIP_UDP			1	/* DHCP needs it */
#define LWIP_DHCP			1
#define DHCP_DOES_ARP_CHECK		0	/* saves ~1 s at boot; hypervisor nets
						 * hand out unique addresses */
#define LWIP_DNS			0
#define LWIP_ARP			1
#define LWIP_ICMP			1	/* ping answers */
#define LWIP_RAW			0
#define LWIP_IGMP			0
#define LWIP_ETHERNET			1
#define ETH_PAD_SIZE			0
#define LWIP_NETCONN			1
#define LWIP_SOCKET			1
#define LWIP_COMPAT_SOCKETS		2	/* real functions socket(), send(), ...,
						 * closesocket(); no macros */
#define LWIP_POSIX_SOCKETS_IO_NAMES	0	/* read/write/close stay libc's */
#define LWIP_SO_RCVTIMEO		1	/* idle timeouts for servers */
#define LWIP_SO_SNDTIMEO		1
#define LWIP_TCP_KEEPALIVE		1
#define SO_REUSE			1
#define LWIP_NETIF_STATUS_CALLBACK	1	/* "address bound" for pv_netstack_start */
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_HOSTNAME		1	/* sent with DHCP requests */
#define LWIP_NETIF_LOOPBACK		1	/* 127.0.0.1, also without a device */
#define LWIP_STATS			0

/* --- threads ------------------------------------------------------------------------ */
/* Sockets calls take the core lock and run lwIP in the caller's thread instead of
 * messaging the tcpip thread: on cooperative threads the lock is never contended in
 * practice, and a message round trip would cost two thread switches per call. */
#define LWIP_TCPIP_CORE_LOCKING		1
/* Received frames are processed by the netif's rx thread under the same lock. */
#define LWIP_TCPIP_CORE_LOCKING_INPUT	1
#define TCPIP_THREAD_NAME		"tcpip"
#define TCPIP_THREAD_STACKSIZE		(16 * 1024)
#define TCPIP_THREAD_PRIO		1
#define DEFAULT_THREAD_STACKSIZE	(16 * 1024)
#define TCPIP_MBOX_SIZE			64	/* timers and the few API messages left */
#define DEFAULT_TCP_RECVMBOX_SIZE	64	/* received segments queued per socket */
#define DEFAULT_ACCEPTMBOX_SIZE		64	/* >= the listen backlog servers use */
#define DEFAULT_UDP_RECVMBOX_SIZE	16
#define DEFAULT_RAW_RECVMBOX_SIZE	8

/* --- sockets ------------------------------------------------------------------------ */
#ifndef PVKIT_NET_SOCKETS
#error "PVKIT_NET_SOCKETS is not defined: build lwIP and its users with mk/net.mk's flags"
#endif
/* Socket descriptors start at 3 so none looks like stdin/stdout/stderr; libc's fd_set
 * (FD_SETSIZE, set by mk/net.mk to PVKIT_NET_SOCKETS + 3) then covers every socket,
 * which lwIP's sockets.h checks. */
#define LWIP_SOCKET_OFFSET		3
#define MEMP_NUM_NETCONN		PVKIT_NET_SOCKETS
#if !defined(FD_SETSIZE) || FD_SETSIZE != PVKIT_NET_SOCKETS + LWIP_SOCKET_OFFSET
#error "FD_SETSIZE must be PVKIT_NET_SOCKETS + 3 (mk/net.mk sets both)"
#endif

/* --- TCP: sized for throughput on a virtual NIC with MTU 1500 ----------------------- */
#define TCP_MSS				1460
/* 22 segments: 32 KiB in flight each way per connection, enough to keep a virtual
 * link busy at QEMU's round-trip times without window scaling. */
#define TCP_WND				(22 * TCP_MSS)
#define TCP_SND_BUF			(22 * TCP_MSS)
#define TCP_SND_QUEUELEN		(4 * TCP_SND_BUF / TCP_MSS)
/* Send an ACK/window update after a quarter window, not the default 4 MSS, so a
 * sender that filled the window is reopened early. */
#define TCP_WND_UPDATE_THRESHOLD	(TCP_WND / 4)
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	64
/* Nagle stays on by default; servers that answer whole replies turn it off
 * per socket with TCP_NODELAY. */

/* --- memory ------------------------------------------------------------------------- */
#define MEM_ALIGNMENT			8
/* Heap for outgoing segments (socket sends copy into it) and small allocations:
 * eight connections with a full send buffer each. */
#define MEM_SIZE			(256 * 1024)
/* A PCB for every socket, plus headroom for connections in TIME_WAIT and for those a
 * server refuses (it still accepts them to say so), so lwIP never has to kill an
 * active connection to accept a new one. */
#define MEMP_NUM_TCP_PCB		(PVKIT_NET_SOCKETS + 32)
#define MEMP_NUM_TCP_PCB_LISTEN		8
#define MEMP_NUM_UDP_PCB		4
/* Queued outgoing segments, shared by all connections (each is ~40 bytes). */
#define MEMP_NUM_TCP_SEG		(2 * TCP_SND_QUEUELEN + PVKIT_NET_SOCKETS)
#define MEMP_NUM_NETBUF			16
#define MEMP_NUM_TCPIP_MSG_API		32
#define MEMP_NUM_TCPIP_MSG_INPKT	8	/* unused with core-locked input */
#define MEMP_NUM_ARP_QUEUE		32
/* Receive buffers (one frame each, ~1.5 KiB): one full window for four connections
 * at once; when they run out, frames are dropped and TCP retransmits. */
#define PBUF_POOL_SIZE			(4 * TCP_WND / TCP_MSS + 16)

/* --- checksums ---------------------------------------------------------------------- */
/* lwIP's fastest portable algorithm (32-bit accumulation with alignment handling). */
#define LWIP_CHKSUM_ALGORITHM		3
/* Per netif, so TCP/UDP checksums a device computes or checks (PV_NET_F_CSUM_*) are
 * skipped there and still done on the loopback interface. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1

#endif
