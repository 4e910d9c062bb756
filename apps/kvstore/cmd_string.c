/* String commands: GET SET MGET MSET APPEND STRLEN INCR DECR INCRBY DECRBY. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static int value_fits(struct cmd_ctx *c, size_t len)
{
	if (len <= c->lim.max_val)
		return 1;
	reply_errorf(c->out, "ERR value is too long (%lu bytes, the limit is %lu)",
		     (unsigned long)len, (unsigned long)c->lim.max_val);
	return 0;
}

void cmd_get(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	struct kv_entry *e = kv_get(c->kv, argv[1].p, argv[1].len, c->now);

	if (e)
		reply_bulk(c->out, kv_val(e), e->vlen);
	else
		reply_null(c->out);
}

/* Milliseconds from an EX/PX argument into an absolute expiry, or -1 (replied). */
static int64_t expiry_arg(struct cmd_ctx *c, const struct resp_arg *a, int64_t unit,
			  const char *cmd)
{
	long long n;

	if (cmd_parse_ll(a, &n)) {
		reply_error(c->out, ERR_NOT_INT);
		return -1;
	}
	if (n <= 0 || n > (INT64_MAX - c->now) / unit) {
		reply_errorf(c->out, "ERR invalid expire time in '%s' command", cmd);
		return -1;
	}
	return c->now + n * unit;
}

/* SET key value [NX | XX] [GET] [EX s | PX ms | KEEPTTL] */
void cmd_set(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	int nx = 0, xx = 0, get = 0, keepttl = 0, have_exp = 0;
	int64_t expire = 0;

	for (size_t i = 3; i < argc; i++) {
		const struct resp_arg *a = &argv[i];

		if (cmd_arg_is(a, "nx") && !xx) {
			nx = 1;
		} else if (cmd_arg_is(a, "xx") && !nx) {
			xx = 1;
		} else if (cmd_arg_is(a, "get")) {
			get = 1;
		} else if (cmd_arg_is(a, "keepttl") && !have_exp) {
			keepttl = 1;
		} else if ((cmd_arg_is(a, "ex") || cmd_arg_is(a, "px")) && !have_exp &&
			   !keepttl && i + 1 < argc) {
			expire = expiry_arg(c, &argv[++i], cmd_arg_is(a, "ex") ? 1000 : 1, "set");
			if (expire < 0)
				return;
			have_exp = 1;
		} else {
			reply_error(c->out, ERR_SYNTAX);
			return;
		}
	}
	if (!value_fits(c, argv[2].len))
		return;

	struct kv_entry *old = kv_get(c->kv, argv[1].p, argv[1].len, c->now);
	int skip = (nx && old) || (xx && !old);
	size_t mark = c->out->len;	/* where this command's reply starts */

	if (!skip && !kv_fits(c->kv, argv[1].len, argv[2].len, old)) {
		reply_error(c->out, ERR_OOM);
		return;
	}
	if (get) {
		if (old)
			reply_bulk(c->out, kv_val(old), old->vlen);
		else
			reply_null(c->out);
	}
	if (skip) {
		if (!get)
			reply_null(c->out);
		return;
	}
	if (keepttl && old)
		expire = old->expire;
	if (!kv_set(c->kv, argv[1].p, argv[1].len, argv[2].p, argv[2].len, expire)) {
		c->out->len = mark;	/* the allocator failed: no GET reply, an error */
		reply_error(c->out, ERR_OOM);
		return;
	}
	struct kvlog_rec r = { KVLOG_SET, argv[1].p, (uint32_t)argv[1].len, argv[2].p,
			       (uint32_t)argv[2].len, expire };

	cmd_log(c, &r);
	if (!get)
		reply_simple(c->out, "OK");
}

void cmd_mget(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	reply_array(c->out, argc - 1);
	for (size_t i = 1; i < argc; i++) {
		struct kv_entry *e = kv_get(c->kv, argv[i].p, argv[i].len, c->now);

		if (e)
			reply_bulk(c->out, kv_val(e), e->vlen);
		else
			reply_null(c->out);
	}
}

/* MSET is all or nothing: every pair is checked against the limits and the memory
 * budget before the first is stored. */
void cmd_mset(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	size_t need = 0;

	if (argc % 2 == 0) {
		reply_error(c->out, "ERR wrong number of arguments for 'mset' command");
		return;
	}
	for (size_t i = 1; i < argc; i += 2) {
		if (!value_fits(c, argv[i + 1].len))
			return;
		need += sizeof(struct kv_entry) + argv[i].len + argv[i + 1].len + 32;
	}
	if (c->kv->used + need > c->kv->max) {
		reply_error(c->out, ERR_OOM);
		return;
	}
	for (size_t i = 1; i < argc; i += 2) {
		if (!kv_set(c->kv, argv[i].p, argv[i].len, argv[i + 1].p, argv[i + 1].len, 0)) {
			reply_error(c->out, ERR_OOM);	/* malloc itself failed */
			return;
		}
		struct kvlog_rec r = { KVLOG_SET, argv[i].p, (uint32_t)argv[i].len,
				       argv[i + 1].p, (uint32_t)argv[i + 1].len, 0 };

		cmd_log(c, &r);
	}
	reply_simple(c->out, "OK");
}

void cmd_append(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	struct kv_entry *e = kv_get(c->kv, argv[1].p, argv[1].len, c->now);
	size_t old = e ? e->vlen : 0;
	int64_t expire = e ? e->expire : 0;
	int existed = e != NULL;

	if (!value_fits(c, old + argv[2].len))
		return;
	e = kv_set(c->kv, argv[1].p, argv[1].len, NULL, old + argv[2].len, expire);
	if (!e) {
		reply_error(c->out, ERR_OOM);
		return;
	}
	memcpy((char *)kv_val(e) + old, argv[2].p, argv[2].len);

	/* Creating the key is logged as a SET, so replay never has to decide whether an
	 * old value had expired at the time (the log's clock is coarser). */
	struct kvlog_rec r = { existed ? KVLOG_APPEND : KVLOG_SET, argv[1].p,
			       (uint32_t)argv[1].len, argv[2].p, (uint32_t)argv[2].len,
			       existed ? (int64_t)e->vlen : 0 };

	cmd_log(c, &r);
	reply_int(c->out, (long long)e->vlen);
}

void cmd_strlen(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	struct kv_entry *e = kv_get(c->kv, argv[1].p, argv[1].len, c->now);

	reply_int(c->out, e ? (long long)e->vlen : 0);
}

static void incr_by(struct cmd_ctx *c, const struct resp_arg *key, long long by)
{
	struct kv_entry *e = kv_get(c->kv, key->p, key->len, c->now);
	long long v = 0;
	char buf[24];

	if (e) {
		struct resp_arg a = { kv_val(e), e->vlen };

		if (cmd_parse_ll(&a, &v)) {
			reply_error(c->out, ERR_NOT_INT);
			return;
		}
	}
	if ((by > 0 && v > INT64_MAX - by) || (by < 0 && v < INT64_MIN - by)) {
		reply_error(c->out, "ERR increment or decrement would overflow");
		return;
	}
	v += by;
	int n = snprintf(buf, sizeof(buf), "%lld", v);
	int64_t expire = e ? e->expire : 0;

	if (!kv_set(c->kv, key->p, key->len, buf, (size_t)n, expire)) {
		reply_error(c->out, ERR_OOM);
		return;
	}
	struct kvlog_rec r = { KVLOG_SET, key->p, (uint32_t)key->len, buf, (uint32_t)n, expire };

	cmd_log(c, &r);
	reply_int(c->out, v);
}

void cmd_incr(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	incr_by(c, &argv[1], 1);
}

void cmd_decr(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	incr_by(c, &argv[1], -1);
}

static void incr_arg(struct cmd_ctx *c, const struct resp_arg *argv, int sign)
{
	long long by;

	if (cmd_parse_ll(&argv[2], &by) || (sign < 0 && by == INT64_MIN)) {
		reply_error(c->out, ERR_NOT_INT);
		return;
	}
	incr_by(c, &argv[1], sign * by);
}

void cmd_incrby(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	incr_arg(c, argv, 1);
}

void cmd_decrby(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	incr_arg(c, argv, -1);
}
