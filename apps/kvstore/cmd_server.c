/* Connection and server commands: PING ECHO INFO COMMAND CONFIG SELECT QUIT. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "glob.h"

void cmd_ping(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	if (argc > 2)
		reply_error(c->out, "ERR wrong number of arguments for 'ping' command");
	else if (argc == 2)
		reply_bulk(c->out, argv[1].p, argv[1].len);
	else
		reply_simple(c->out, "PONG");
}

void cmd_echo(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	reply_bulk(c->out, argv[1].p, argv[1].len);
}

void cmd_select(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	long long db;

	if (cmd_parse_ll(&argv[1], &db))
		reply_error(c->out, ERR_NOT_INT);
	else if (db != 0)
		reply_error(c->out, "ERR DB index is out of range");
	else
		reply_simple(c->out, "OK");
}

void cmd_quit(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	reply_simple(c->out, "OK");
	c->quit = 1;
}

/* --- INFO ------------------------------------------------------------------------ */

static void info_memory(struct cmd_ctx *c, struct reply *t)
{
	reply_rawf(t, "# Memory\r\nused_memory:%lu\r\nmaxmemory:%lu\r\n"
		   "maxmemory_policy:noeviction\r\n", (unsigned long)c->kv->used,
		   (unsigned long)c->kv->max);
}

static void info_stats(struct cmd_ctx *c, struct reply *t)
{
	reply_rawf(t, "# Stats\r\ntotal_commands_processed:%llu\r\nkeyspace_hits:%llu\r\n"
		   "keyspace_misses:%llu\r\nexpired_keys:%llu\r\n",
		   (unsigned long long)c->commands, (unsigned long long)c->kv->hits,
		   (unsigned long long)c->kv->misses, (unsigned long long)c->kv->expired);
}

static void info_keyspace(struct cmd_ctx *c, struct reply *t)
{
	reply_rawf(t, "# Keyspace\r\n");
	if (c->kv->count)
		reply_rawf(t, "db0:keys=%lu,expires=%lu,avg_ttl=0\r\n",
			   (unsigned long)c->kv->count, (unsigned long)c->kv->expires);
}

/* Sections in INFO's order; server, clients and persistence come from the server. */
static const char *const sections[] = {
	"server", "clients", "memory", "persistence", "stats", "keyspace",
};

void cmd_info(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	struct reply t;
	int all = argc == 1;

	if (argc > 2) {
		reply_error(c->out, ERR_SYNTAX);
		return;
	}
	if (argc == 2 && (cmd_arg_is(&argv[1], "all") || cmd_arg_is(&argv[1], "default") ||
			  cmd_arg_is(&argv[1], "everything")))
		all = 1;
	reply_init(&t);
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		const char *s = sections[i];

		if (!all && !cmd_arg_is(&argv[1], s))
			continue;
		if (t.len)
			reply_raw(&t, "\r\n", 2);
		if (!strcmp(s, "memory"))
			info_memory(c, &t);
		else if (!strcmp(s, "stats"))
			info_stats(c, &t);
		else if (!strcmp(s, "keyspace"))
			info_keyspace(c, &t);
		else if (c->srv && c->srv->info)
			c->srv->info(c->srv->ctx, s, &t);
	}
	if (reply_failed(&t))
		reply_error(c->out, ERR_OOM);
	else
		reply_bulk(c->out, t.buf ? t.buf : "", t.len);
	reply_free(&t);
}

/* --- COMMAND, CONFIG ------------------------------------------------------------- */

/* One command's entry, Redis 7's ten fields (the last four empty). */
static void command_entry(struct reply *r, const struct cmd *cmd)
{
	reply_array(r, 10);
	reply_bulk_str(r, cmd->name);
	reply_int(r, cmd->arity);
	reply_array(r, (size_t)!!(cmd->flags & CMD_WRITE) + !!(cmd->flags & CMD_READONLY) +
			   !!(cmd->flags & CMD_FAST));
	if (cmd->flags & CMD_WRITE)
		reply_simple(r, "write");
	if (cmd->flags & CMD_READONLY)
		reply_simple(r, "readonly");
	if (cmd->flags & CMD_FAST)
		reply_simple(r, "fast");
	reply_int(r, cmd->first_key);
	reply_int(r, cmd->last_key);
	reply_int(r, cmd->step);
	for (int i = 0; i < 4; i++)
		reply_array(r, 0);
}

static const struct cmd *find(const struct resp_arg *name)
{
	for (size_t i = 0; i < cmd_count; i++)
		if (cmd_arg_is(name, cmd_table[i].name))
			return &cmd_table[i];
	return NULL;
}

void cmd_command(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	if (argc == 1) {
		reply_array(c->out, cmd_count);
		for (size_t i = 0; i < cmd_count; i++)
			command_entry(c->out, &cmd_table[i]);
	} else if (cmd_arg_is(&argv[1], "count") && argc == 2) {
		reply_int(c->out, (long long)cmd_count);
	} else if (cmd_arg_is(&argv[1], "info")) {
		reply_array(c->out, argc - 2);
		for (size_t i = 2; i < argc; i++) {
			const struct cmd *cmd = find(&argv[i]);

			if (cmd)
				command_entry(c->out, cmd);
			else
				reply_null(c->out);
		}
	} else if (cmd_arg_is(&argv[1], "docs")) {
		reply_array(c->out, 0);		/* no documentation to offer */
	} else {
		reply_errorf(c->out, "ERR unknown subcommand '%.*s'. Try COMMAND HELP.",
			     (int)(argv[1].len > 32 ? 32 : argv[1].len), argv[1].p);
	}
}

/* CONFIG GET pattern: the few parameters clients such as redis-benchmark ask for. */
void cmd_config(struct cmd_ctx *c, size_t argc, const struct resp_arg *argv)
{
	char maxmem[24];
	const char *params[][2] = {
		{ "appendonly", c->srv && c->srv->persistent ? "yes" : "no" },
		{ "appendfsync", "always" },
		{ "maxmemory", maxmem },
		{ "save", "" },
	};
	size_t n = 0;

	if (!cmd_arg_is(&argv[1], "get") || argc != 3) {
		reply_error(c->out, "ERR only CONFIG GET <pattern> is supported");
		return;
	}
	snprintf(maxmem, sizeof(maxmem), "%lu", (unsigned long)c->kv->max);
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			reply_array(c->out, 2 * n);
		for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
			if (!glob_match(argv[2].p, argv[2].len, params[i][0], strlen(params[i][0])))
				continue;
			if (!pass) {
				n++;
				continue;
			}
			reply_bulk_str(c->out, params[i][0]);
			reply_bulk_str(c->out, params[i][1]);
		}
	}
}
