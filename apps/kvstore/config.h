/* kvstore's sizes and defaults in one place; bootargs override those marked so
 * (docs/APPS.md lists them). */
#ifndef KVSTORE_CONFIG_H
#define KVSTORE_CONFIG_H

#define KV_PORT			6379		/* port= */
#define KV_MAXCLIENTS		64		/* maxclients= */
#define KV_MAXCLIENTS_MAX	(PVKIT_NET_SOCKETS - 16)
#define KV_MAX_KEY		1024		/* bytes */
#define KV_MAX_VALUE		(512 * 1024)	/* bytes (maxvalue=) */
#define KV_MAX_ARGS		1024		/* per command */
#define KV_MAX_CMD		(1024 * 1024)	/* bytes of one command's arguments */
/* maxmemory= (bytes, or with a k/m/g suffix); default: half the heap. With a disk it
 * is also capped at half a log region, so compaction always has room. */
#define KV_HEAP_SHARE		2
#define KV_CONN_STACK		(16 * 1024)
#define KV_RECV_BUF		(16 * 1024)
#define KV_REPLY_KEEP		(64 * 1024)	/* reply buffers above this are freed */
#define KV_EXPIRE_PERIOD_MS	100		/* active expiry pass */
#define KV_EXPIRE_BUDGET	1000		/* entries looked at per pass */
#define KV_REPLAY_BUF		(256 * 1024)	/* read window for replay (grows for
						 * records larger than half of it) */
#define KV_SNAPSHOT_BUF		(64 * 1024)	/* compaction write buffer */
#define KV_DHCP_WAIT_MS		10000

#endif
