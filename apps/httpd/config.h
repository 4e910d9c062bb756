/*
 * httpd's sizes and defaults, in one place. Bootargs override the ones marked so
 * (docs/APPS.md lists them).
 */
#ifndef HTTPD_CONFIG_H
#define HTTPD_CONFIG_H

#define HTTPD_PORT		80		/* port= */
/* Connection slots: one worker thread each (conns=). Beyond them new connections
 * get 503 and are closed. Must leave sockets for the listener and refusals in
 * flight: lwIP has PVKIT_NET_SOCKETS (mk/net.mk). */
#define HTTPD_CONNS		64
#define HTTPD_CONNS_MAX		(PVKIT_NET_SOCKETS - 16)
/* Heap kept free when starting workers (for lwIP's per-socket mailboxes, streaming
 * buffers, the accept path): if the RAM is too small for conns workers, fewer
 * start, and the log says so. */
#define HTTPD_RESERVE		(256 * 1024)
/* The deepest a worker's stack was seen to go over every test (a sent frame's way
 * down through lwIP to the driver, a redirect's buffers) is 3.8 KiB: 8 KiB leaves
 * twice that, and the guard page below turns an overflow into a crash report. */
#define HTTPD_WORKER_STACK	(8 * 1024)
#define HTTPD_HEAD_MAX		8192		/* request head buffer per worker */
#define HTTPD_IDLE_MS		10000		/* idle keep-alive / slow head (idle=) */
/* Files up to this size are read into memory at boot, while the cache budget
 * lasts (cache= in KiB; default a quarter of the heap); others stream from the disk
 * in HTTPD_STREAM_CHUNK reads. */
#define HTTPD_CACHE_FILE_MAX	(256 * 1024)
#define HTTPD_STREAM_CHUNK	(32 * 1024)
#define HTTPD_MAX_FILES		4096		/* archive entries indexed */
#define HTTPD_DHCP_WAIT_MS	10000

#endif
