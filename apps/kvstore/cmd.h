/*
 * kvstore's commands: a const table (cmd.c) of handlers in cmd_*.c, run on one
 * parsed request against the in-memory table, writing the reply. Portable: the host
 * tests and the fuzzer drive it with a fake log.
 *
 * A write command changes memory first, then appends records describing the change
 * to the log sink; the connection sends the reply only once the log has committed
 * up to ctx->wait_seq (store.c: group commit), so an acknowledged write is durable.
 */
#ifndef KVSTORE_CMD_H
#define KVSTORE_CMD_H

#include <stddef.h>
#include <stdint.h>

#include "kv.h"
#include "kvlog.h"
#include "reply.h"
#include "resp.h"

/* Where write commands' records go (NULL in cmd_ctx: memory only). */
struct cmd_log {
	/* NULL if writes may proceed, else the error reply (e.g. "MISCONF ..."). */
	const char *(*refuse)(void *ctx);
	/* Queue a record; returns the sequence number that commits it. */
	uint64_t (*append)(void *ctx, const struct kvlog_rec *r);
	void *ctx;
};

/* What INFO and CONFIG report beyond the table; all optional. */
struct cmd_server {
	/* Append INFO section "server", "clients" or "persistence" to text as
	 * "# Name\r\nkey:value\r\n..." lines. */
	void (*info)(void *ctx, const char *section, struct reply *text);
	int persistent;					/* a log on disk is in use */
	void *ctx;
};

struct cmd_limits {
	size_t max_key, max_val;	/* bytes; larger keys/values get an error */
};

struct cmd_ctx {
	struct kv *kv;
	struct reply *out;
	int64_t now;			/* store clock, ms */
	const struct cmd_log *log;
	const struct cmd_server *srv;
	struct cmd_limits lim;
	uint64_t wait_seq;		/* OUT: the highest sequence this command queued */
	int quit;			/* OUT: close the connection after the reply */
	uint64_t commands;		/* OUT: commands run (for INFO) */
};

/* Run one command (argv[0] is its name, any case) and append its reply. */
void cmd_run(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv);

/* --- for the handlers (cmd_*.c) ---------------------------------------------------- */

#define CMD_WRITE	0x1	/* changes data: refused when the log refuses */
#define CMD_READONLY	0x2
#define CMD_FAST	0x4

struct cmd {
	const char *name;	/* lower case */
	int arity;		/* argc including the name; -N: at least N */
	unsigned flags;
	int first_key, last_key, step;	/* key positions, as COMMAND reports them */
	void (*fn)(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv);
};

extern const struct cmd cmd_table[];
extern const size_t cmd_count;

/* Queue a log record, if there is a log. */
void cmd_log(struct cmd_ctx *c, const struct kvlog_rec *r);
/* Strict int64 as Redis reads one: "-12", not "+12", " 12", "012" or "". */
int cmd_parse_ll(const struct resp_arg *a, long long *out);
/* Argument equals word, ignoring case. */
int cmd_arg_is(const struct resp_arg *a, const char *word);

#define ERR_SYNTAX	"ERR syntax error"
#define ERR_NOT_INT	"ERR value is not an integer or out of range"
#define ERR_OOM		"OOM command not allowed when used memory > 'maxmemory'."

/* Handlers, by file. */
void cmd_get(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_set(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_mget(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_mset(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_append(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_strlen(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_incr(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_decr(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_incrby(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_decrby(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_del(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_exists(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_keys(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_dbsize(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_flushall(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_expire(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_pexpire(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_persist(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_ttl(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_pttl(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_ping(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_echo(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_info(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_command(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_config(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_select(struct cmd_ctx *, size_t, const struct resp_arg *);
void cmd_quit(struct cmd_ctx *, size_t, const struct resp_arg *);

#endif
