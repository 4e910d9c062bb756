/* The hyp's xenstore request parser and store (hyp/xen/xs_*.c), fed by two hostile
 * guests at once.
 * fuzz-sources: hyp/xen/xs_store.c hyp/xen/xs_path.c hyp/xen/xs_node.c hyp/xen/xs_watch.c hyp/xen/xs_txn.c hyp/xen/xs_proto.c hyp/xen/xs_conn.c lib/fmt.c
 * Input: chunks of [selector][length][bytes]: the selector's bit 0 picks the guest,
 * bit 1 makes it read its replies first (bit 1 clear: replies pile up).
 * Invariants: every message out is well-formed (known type, payload within the
 * protocol's limit); the store stays sorted and accounted; nothing leaks. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../hyp/xen/xs.h"

static void *f_alloc(size_t n) { return malloc(n); }
static void f_free(void *p, size_t n) { free(p); }
static const struct xs_env env = { f_alloc, f_free, NULL };

static uint64_t mem[512 * 1024 / 8];
static struct xs_conn hyp, guest[2];

static void drain(struct xs_conn *c)
{
	struct xsd_sockmsg h;
	static char buf[XENSTORE_PAYLOAD_MAX];

	while (xs_conn_pending(c) >= sizeof(h)) {
		xs_conn_take(c, &h, sizeof(h));
		assert(h.len <= XENSTORE_PAYLOAD_MAX);
		assert(h.type < XS_TYPE_COUNT);
		assert(xs_conn_pending(c) >= h.len);
		xs_conn_take(c, buf, h.len);
		if (h.type == XS_ERROR)
			assert(h.len > 1 && buf[h.len - 1] == '\0');
	}
	assert(xs_conn_pending(c) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	assert(xs_init(&env, mem, sizeof(mem)) == 0);
	xs_conn_open(&hyp, 0);
	xs_conn_open(&guest[0], 1);
	xs_conn_open(&guest[1], 2);
	for (unsigned d = 1; d <= 2; d++) {
		char path[32], perm[8];

		snprintf(path, sizeof(path), "/local/domain/%u", d);
		snprintf(perm, sizeof(perm), "n%u", d);
		assert(xs_local_mkdir(&hyp, path) == 0);
		assert(xs_local_set_perms(&hyp, path, perm) == 0);
	}
	xs_local_watch(&hyp, "/local/domain", "hyp");
	while (size >= 2) {
		struct xs_conn *c = &guest[data[0] & 1];
		size_t n = data[1] < size - 2 ? data[1] : size - 2;

		if (data[0] & 2)
			drain(c);
		xs_conn_feed(c, data + 2, n);
		data += 2 + n;
		size -= 2 + n;
	}
	for (int i = 0; i < 2; i++) {
		drain(&guest[i]);
		xs_conn_close(&guest[i]);
	}
	const char *p, *t;

	while (xs_local_next_event(&hyp, &p, &t))
		assert(!strcmp(t, "hyp"));
	xs_conn_close(&hyp);
	assert(xs_check() == 0);
	return 0;
}
