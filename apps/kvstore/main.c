/*
 * kvstore: a Redis-protocol (RESP2) key-value server on port 6379 (docs/APPS.md),
 * persisting to a log on the first block device.
 */
#include <errno.h>
#include <stdlib.h>

#include <pvkit/netstack.h>
#include <pvkit/pvkit.h>

#include "config.h"
#include "kv.h"
#include "server.h"
#include "store.h"

static struct kv kv;

/* "1048576", "512k", "64m", "1g" into bytes; 0 for a malformed value. */
static uint64_t parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = 0;

	if (end == s)
		return 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || v > (~0ull >> shift))
		return 0;
	return (uint64_t)v << shift;
}

static uint64_t arg_size(const char *key, uint64_t def, uint64_t min, uint64_t max)
{
	char buf[24];
	uint64_t v;

	if (!pv_bootarg(key, buf, sizeof(buf)))
		return def;
	v = parse_size(buf);
	if (v < min || v > max) {
		pv_err("kvstore: %s=%s is not a size in %llu..%llu; using %llu", key, buf,
		       (unsigned long long)min, (unsigned long long)max,
		       (unsigned long long)def);
		return def;
	}
	return v;
}

/* Remove expired keys a little at a time, as Redis's active expiry does. */
static void expirer(void *arg)
{
	for (;;) {
		pv_sleep_ms(KV_EXPIRE_PERIOD_MS);
		kv_expire_step(&kv, store_now(), KV_EXPIRE_BUDGET);
	}
}

int main(void)
{
	uint64_t heap = pv_sysinfo()->heap_bytes;
	struct server_conf conf = {
		.port = (unsigned)arg_size("port", KV_PORT, 1, 65535),
		.maxclients = (unsigned)arg_size("maxclients", KV_MAXCLIENTS, 1, KV_MAXCLIENTS_MAX),
		.lim = { KV_MAX_KEY, (size_t)arg_size("maxvalue", KV_MAX_VALUE, 1, KV_MAX_VALUE) },
	};
	uint64_t maxmem = arg_size("maxmemory", heap / KV_HEAP_SHARE, 64 * 1024, heap);
	uint64_t counter = pv_counter();
	int err;

	/* the hash key only has to be unknown to clients */
	if (kv_init(&kv, (size_t)maxmem, counter * 0x9e3779b97f4a7c15ull,
		    pv_now_ns() ^ (uint64_t)(uintptr_t)&kv)) {
		pv_err("kvstore: no memory for the table");
		return 1;
	}
	if (store_open(&kv))
		return 1;
	err = pv_netstack_start(KV_DHCP_WAIT_MS, NULL);
	if (err == -ENODEV || err == -EINVAL || err == -ENOMEM) {
		pv_err("kvstore: no network (error %d): nothing to serve on", err);
		return 1;
	}
	if (!pv_thread_create("expire", expirer, NULL, 0)) {
		pv_err("kvstore: no memory for the expiry thread");
		return 1;
	}
	server_run(&kv, &conf);
	return 1;
}
