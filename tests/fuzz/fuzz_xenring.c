/* A xenstore ring page whose guest indices and bytes are hostile (hyp/xen/ring.c,
 * hyp/xen/xs_ringio.c): every pass must stay inside the page and either serve the
 * ring or stop it with XENSTORE_ERROR_RINGIDX, never both.
 * fuzz-sources: hyp/xen/ring.c hyp/xen/xs_ringio.c hyp/xen/xs_store.c hyp/xen/xs_path.c hyp/xen/xs_node.c hyp/xen/xs_watch.c hyp/xen/xs_txn.c hyp/xen/xs_proto.c hyp/xen/xs_conn.c lib/fmt.c
 * Input: the ring bytes, then steps of [req_prod delta:2][rsp_cons delta:2] applied by
 * the "guest" between passes. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../hyp/xen/xs_ringio.h"

static void *f_alloc(size_t n) { return malloc(n); }
static void f_free(void *p, size_t n) { free(p); }
static const struct xs_env env = { f_alloc, f_free, NULL };

static uint64_t mem[512 * 1024 / 8];
static struct xs_conn conn;
static struct xenstore_domain_interface *page;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xs_ring r;
	size_t fill = size < 2 * XENSTORE_RING_SIZE ? size : 2 * XENSTORE_RING_SIZE;

	if (!page)
		page = malloc(4096);
	assert(xs_init(&env, mem, sizeof(mem)) == 0);
	xs_conn_open(&conn, 1);
	xs_ring_attach(&r, page);
	memcpy(page->req, data, fill);		/* req and rsp: the guest wrote anything */
	data += fill;
	size -= fill;
	while (size >= 4) {
		uint32_t was_error = r.error;

		page->req_prod += (uint16_t)(data[0] | data[1] << 8);
		page->rsp_cons += (uint16_t)(data[2] | data[3] << 8);
		data += 4;
		size -= 4;
		uint32_t req_prod = page->req_prod, rsp_cons = page->rsp_cons;

		xs_ring_pass(&r, &conn);
		if (r.error) {
			assert(page->error == XENSTORE_ERROR_RINGIDX);
			continue;
		}
		assert(!was_error);
		/* Served: the hyp's indices moved only within what the guest allowed. */
		assert(req_prod - page->req_cons <= XENSTORE_RING_SIZE);
		assert(page->rsp_prod - rsp_cons <= XENSTORE_RING_SIZE);
		assert(page->req_cons == r.req.own && page->rsp_prod == r.rsp.own);
	}
	xs_conn_close(&conn);
	assert(xs_check() == 0);
	return 0;
}
