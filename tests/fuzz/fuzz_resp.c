/* The RESP parser and every command behind it (apps/kvstore), with small limits so
 * the refusals are reached too. The first byte chooses how input is split into
 * reads. Invariants: the parser always consumes input; replies stay framed.
 * fuzz-sources: apps/kvstore/resp.c apps/kvstore/cmd.c apps/kvstore/cmd_string.c apps/kvstore/cmd_keys.c apps/kvstore/cmd_server.c apps/kvstore/kv.c apps/kvstore/glob.c apps/kvstore/reply.c apps/kvstore/replay.c apps/kvstore/kvlog.c apps/kvstore/crc32c.c
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "kvstore/cmd.h"

static uint64_t seq;

static uint64_t append(void *ctx, const struct kvlog_rec *r)
{
	assert(r->type >= KVLOG_SET && r->type <= KVLOG_APPEND);
	return ++seq;
}

static const char *refuse(void *ctx)
{
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cmd_log log = { refuse, append, NULL };
	struct resp_limits lim = { .max_args = 16, .max_arg = 128, .max_cmd = 512 };
	struct resp_parser p;
	struct reply out;
	struct kv kv;
	size_t chunk;

	if (!size)
		return 0;
	chunk = (size_t)data[0] % 17 + 1;
	data++;
	size--;
	kv_init(&kv, 16 * 1024, 1, 2);
	reply_init(&out);
	resp_init(&p, &lim);

	struct cmd_ctx c = { .kv = &kv, .out = &out, .now = 1000, .log = &log,
			     .lim = { .max_key = 32, .max_val = 100 } };

	for (size_t pos = 0; pos < size;) {
		size_t n = size - pos < chunk ? size - pos : chunk;
		const char *b = (const char *)data + pos;

		pos += n;
		while (n) {
			enum resp_event ev;
			size_t used = resp_feed(&p, b, n, &ev);

			assert(used <= n && (used > 0 || ev != RESP_NONE));
			b += used;
			n -= used;
			if (ev == RESP_CMD)
				cmd_run(&c, p.argc, p.argv);
			else if (ev == RESP_ERROR)
				reply_error(&out, p.error);
			c.now += 7;
			kv_expire_step(&kv, c.now, 4);
		}
		if (out.len > 65536)
			reply_reset(&out, 4096);
	}
	resp_free(&p);
	reply_free(&out);
	kv_free(&kv);
	return 0;
}
