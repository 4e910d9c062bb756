/* The command table and dispatch (cmd.h). */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Sorted by name: looked up by binary search (tests/unit/test_kvcmd.c checks order). */
const struct cmd cmd_table[] = {
	{ "append",   3, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_append },
	{ "command", -1, CMD_READONLY, 0, 0, 0, cmd_command },
	{ "config",  -2, CMD_READONLY, 0, 0, 0, cmd_config },
	{ "dbsize",   1, CMD_READONLY | CMD_FAST, 0, 0, 0, cmd_dbsize },
	{ "decr",     2, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_decr },
	{ "decrby",   3, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_decrby },
	{ "del",     -2, CMD_WRITE, 1, -1, 1, cmd_del },
	{ "echo",     2, CMD_FAST, 0, 0, 0, cmd_echo },
	{ "exists",  -2, CMD_READONLY | CMD_FAST, 1, -1, 1, cmd_exists },
	{ "expire",  -3, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_expire },
	{ "flushall", -1, CMD_WRITE, 0, 0, 0, cmd_flushall },
	{ "get",      2, CMD_READONLY | CMD_FAST, 1, 1, 1, cmd_get },
	{ "incr",     2, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_incr },
	{ "incrby",   3, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_incrby },
	{ "info",    -1, CMD_READONLY, 0, 0, 0, cmd_info },
	{ "keys",     2, CMD_READONLY, 0, 0, 0, cmd_keys },
	{ "mget",    -2, CMD_READONLY | CMD_FAST, 1, -1, 1, cmd_mget },
	{ "mset",    -3, CMD_WRITE, 1, -1, 2, cmd_mset },
	{ "persist",  2, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_persist },
	{ "pexpire", -3, CMD_WRITE | CMD_FAST, 1, 1, 1, cmd_pexpire },
	{ "ping",    -1, CMD_FAST, 0, 0, 0, cmd_ping },
	{ "pttl",     2, CMD_READONLY | CMD_FAST, 1, 1, 1, cmd_pttl },
	{ "quit",    -1, CMD_FAST, 0, 0, 0, cmd_quit },
	{ "select",   2, CMD_FAST, 0, 0, 0, cmd_select },
	{ "set",     -3, CMD_WRITE, 1, 1, 1, cmd_set },
	{ "strlen",   2, CMD_READONLY | CMD_FAST, 1, 1, 1, cmd_strlen },
	{ "ttl",      2, CMD_READONLY | CMD_FAST, 1, 1, 1, cmd_ttl },
};
const size_t cmd_count = sizeof(cmd_table) / sizeof(cmd_table[0]);

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int cmd_arg_is(const struct resp_arg *a, const char *word)
{
	size_t i = 0;

	for (; i < a->len && word[i]; i++)
		if (lower((unsigned char)a->p[i]) != word[i])
			return 0;
	return i == a->len && !word[i];
}

/* <0, 0, >0 as the argument sorts before, equal to, after the lower-case name. */
static int cmp_name(const struct resp_arg *a, const char *name)
{
	size_t i = 0;

	for (; i < a->len && name[i]; i++) {
		int d = lower((unsigned char)a->p[i]) - (unsigned char)name[i];

		if (d)
			return d;
	}
	return (i < a->len) - (name[i] != 0);
}

static const struct cmd *lookup(const struct resp_arg *name)
{
	size_t lo = 0, hi = cmd_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_name(name, cmd_table[mid].name);

		if (!c)
			return &cmd_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int cmd_parse_ll(const struct resp_arg *a, long long *out)
{
	const char *s = a->p;
	size_t i = 0, len = a->len;
	unsigned long long v = 0, limit;
	int neg = 0;

	if (len && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len || len - i > 19 || (s[i] == '0' && len - i > 1) || (neg && s[i] == '0'))
		return -1;
	limit = neg ? (unsigned long long)INT64_MAX + 1 : (unsigned long long)INT64_MAX;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

void cmd_log(struct cmd_ctx *c, const struct kvlog_rec *r)
{
	if (c->log) {
		uint64_t seq = c->log->append(c->log->ctx, r);

		if (seq > c->wait_seq)
			c->wait_seq = seq;
	}
}

/* Redis's wording: "unknown command 'x', with args beginning with: 'a' 'b' ". */
static void unknown(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	char msg[200];
	size_t n = 0;

	n += (size_t)snprintf(msg, sizeof(msg), "ERR unknown command '%.*s', with args "
			      "beginning with: ", (int)(argv[0].len > 64 ? 64 : argv[0].len),
			      argv[0].p);
	for (size_t i = 1; i < argc && n < sizeof(msg) - 1; i++)
		n += (size_t)snprintf(msg + n, sizeof(msg) - n, "'%.*s' ",
				      (int)(argv[i].len > 32 ? 32 : argv[i].len), argv[i].p);
	reply_error(c->out, msg);
}

void cmd_run(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	const struct cmd *cmd = argc ? lookup(&argv[0]) : NULL;

	c->commands++;
	if (!cmd) {
		if (argc)
			unknown(c, argc, argv);
		return;
	}
	if ((cmd->arity > 0 && argc != (size_t)cmd->arity) ||
	    (cmd->arity < 0 && argc < (size_t)-cmd->arity)) {
		reply_errorf(c->out, "ERR wrong number of arguments for '%s' command", cmd->name);
		return;
	}
	if (cmd->first_key) {
		size_t last = cmd->last_key < 0 ? argc - 1 : (size_t)cmd->last_key;

		for (size_t i = (size_t)cmd->first_key; i <= last && i < argc;
		     i += (size_t)cmd->step) {
			if (argv[i].len > c->lim.max_key) {
				reply_errorf(c->out, "ERR key is too long (%lu bytes, the limit "
					     "is %lu)", (unsigned long)argv[i].len,
					     (unsigned long)c->lim.max_key);
				return;
			}
		}
	}
	if ((cmd->flags & CMD_WRITE) && c->log) {
		const char *why = c->log->refuse(c->log->ctx);

		if (why) {
			reply_error(c->out, why);
			return;
		}
	}
	cmd->fn(c, argc, argv);
}
