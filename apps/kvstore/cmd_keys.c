/* Keyspace commands: DEL EXISTS KEYS DBSIZE FLUSHALL EXPIRE PEXPIRE PERSIST TTL PTTL. */
#include "cmd.h"
#include "glob.h"

void cmd_del(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	long long n = 0;

	for (size_t i = 1; i < argc; i++) {
		if (kv_del(c->kv, argv[i].p, argv[i].len, c->now)) {
			struct kvlog_rec r = { KVLOG_DEL, argv[i].p, (uint32_t)argv[i].len,
					       NULL, 0, 0 };

			cmd_log(c, &r);
			n++;
		}
	}
	reply_int(c->out, n);
}

void cmd_exists(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	long long n = 0;

	for (size_t i = 1; i < argc; i++)
		n += kv_get(c->kv, argv[i].p, argv[i].len, c->now) != NULL;
	reply_int(c->out, n);
}

void cmd_keys(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	size_t bucket = 0, n = 0, pass;
	struct kv_entry *e;

	/* Two passes, count then emit, so the array header comes first without
	 * buffering the keys; nothing can change the table in between. */
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			reply_array(c->out, n);
		bucket = 0;
		for (e = kv_next(c->kv, &bucket, NULL); e; e = kv_next(c->kv, &bucket, e)) {
			if (e->expire && e->expire <= c->now)
				continue;
			if (!glob_match(argv[1].p, argv[1].len, kv_key(e), e->klen))
				continue;
			if (pass)
				reply_bulk(c->out, kv_key(e), e->klen);
			else
				n++;
		}
	}
}

void cmd_dbsize(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	reply_int(c->out, (long long)c->kv->count);
}

void cmd_flushall(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	if (argc > 2 || (argc == 2 && !cmd_arg_is(&argv[1], "async") &&
			 !cmd_arg_is(&argv[1], "sync"))) {
		reply_error(c->out, ERR_SYNTAX);
		return;
	}
	kv_flush(c->kv);
	struct kvlog_rec r = { KVLOG_FLUSHALL, NULL, 0, NULL, 0, 0 };

	cmd_log(c, &r);
	reply_simple(c->out, "OK");
}

/* EXPIRE/PEXPIRE key n [NX | XX | GT | LT] (Redis 7 semantics). */
static void expire_generic(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv,
			   int64_t unit, const char *name)
{
	int nx = 0, xx = 0, gt = 0, lt = 0;
	long long n;

	for (size_t i = 3; i < argc; i++) {
		if (cmd_arg_is(&argv[i], "nx"))
			nx = 1;
		else if (cmd_arg_is(&argv[i], "xx"))
			xx = 1;
		else if (cmd_arg_is(&argv[i], "gt"))
			gt = 1;
		else if (cmd_arg_is(&argv[i], "lt"))
			lt = 1;
		else {
			reply_errorf(c->out, "ERR Unsupported option %.*s",
				     (int)(argv[i].len > 32 ? 32 : argv[i].len), argv[i].p);
			return;
		}
	}
	if (nx && (xx || gt || lt)) {
		reply_error(c->out, "ERR NX and XX, GT or LT options at the same time are "
			    "not compatible");
		return;
	}
	if (gt && lt) {
		reply_error(c->out, "ERR GT and LT options at the same time are not compatible");
		return;
	}
	if (cmd_parse_ll(&argv[2], &n)) {
		reply_error(c->out, ERR_NOT_INT);
		return;
	}
	if ((n > 0 && n > (INT64_MAX - c->now) / unit) ||
	    (n < 0 && n < (INT64_MIN + c->now) / unit)) {
		reply_errorf(c->out, "ERR invalid expire time in '%s' command", name);
		return;
	}
	int64_t at = c->now + n * unit;
	struct kv_entry *e = kv_get(c->kv, argv[1].p, argv[1].len, c->now);

	if (!e) {
		reply_int(c->out, 0);
		return;
	}
	/* no expiry counts as an infinite one for GT and LT */
	if ((nx && e->expire) || (xx && !e->expire) || (gt && (!e->expire || at <= e->expire)) ||
	    (lt && e->expire && at >= e->expire)) {
		reply_int(c->out, 0);
		return;
	}
	struct kvlog_rec r = { KVLOG_EXPIRE, argv[1].p, (uint32_t)argv[1].len, NULL, 0, at };

	if (at <= c->now) {
		kv_del(c->kv, argv[1].p, argv[1].len, c->now);
		r.type = KVLOG_DEL;
		r.time = 0;
	} else {
		kv_set_expire(c->kv, e, at);
	}
	cmd_log(c, &r);
	reply_int(c->out, 1);
}

void cmd_expire(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	expire_generic(c, argc, argv, 1000, "expire");
}

void cmd_pexpire(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	expire_generic(c, argc, argv, 1, "pexpire");
}

void cmd_persist(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	struct kv_entry *e = kv_get(c->kv, argv[1].p, argv[1].len, c->now);

	if (!e || !e->expire) {
		reply_int(c->out, 0);
		return;
	}
	kv_set_expire(c->kv, e, 0);
	struct kvlog_rec r = { KVLOG_EXPIRE, argv[1].p, (uint32_t)argv[1].len, NULL, 0, 0 };

	cmd_log(c, &r);
	reply_int(c->out, 1);
}

static void ttl_generic(struct cmd_ctx *c, const struct resp_arg *key, int64_t unit)
{
	struct kv_entry *e = kv_get(c->kv, key->p, key->len, c->now);

	if (!e)
		reply_int(c->out, -2);
	else if (!e->expire)
		reply_int(c->out, -1);
	else
		reply_int(c->out, (e->expire - c->now + unit / 2) / unit);
}

void cmd_ttl(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	ttl_generic(c, &argv[1], 1000);
}

void cmd_pttl(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	ttl_generic(c, &argv[1], 1);
}
