/*
 * RESP2 requests (the Redis protocol), parsed as a stream: bytes go in as they
 * arrive, commands come out. Portable: unit-tested and fuzzed on the host.
 *
 * Requests are arrays of bulk strings ("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"), or inline
 * commands (a line of words separated by spaces, as typed into telnet). A command
 * over the limits is read to its end and then reported as an error, so the
 * connection stays usable. Malformed input (a bad length, a missing CR LF) is
 * reported as an error, and parsing resumes after the next line feed.
 */
#ifndef KVSTORE_RESP_H
#define KVSTORE_RESP_H

#include <stddef.h>

struct resp_arg {
	const char *p;		/* followed by a NUL not counted in len */
	size_t len;
};

struct resp_limits {
	size_t max_args;	/* arguments of one command */
	size_t max_arg;		/* bytes of one argument (bulk string) */
	size_t max_cmd;		/* bytes of all arguments of one command together */
	/* Optional: called before the parser's buffers grow by delta bytes (> 0) or
	 * after they shrink (< 0). Returning nonzero refuses the growth: the command is
	 * then read to its end and reported as "out of memory". */
	int (*account)(void *ctx, long delta);
	void *account_ctx;
};

enum resp_event {
	RESP_NONE,		/* all input consumed, no complete command yet */
	RESP_CMD,		/* argc/argv hold a command, valid until the next feed */
	RESP_ERROR,		/* error holds the error reply without its '-', e.g.
				 * "ERR Protocol error: invalid bulk length" */
};

struct resp_parser {
	struct resp_limits lim;
	size_t argc;
	struct resp_arg *argv;
	const char *error;

	/* private */
	int state;
	long long nargs, argi, bulk_left;
	const char *refuse;	/* why the command being read will be refused */
	char line[24];		/* a '*' or '$' header being read */
	size_t line_len;
	char *arena;		/* argument bytes, each with a NUL after it */
	size_t used, cap;
	size_t *offs;		/* per argument: its offset in arena */
	size_t slots;		/* entries of offs and argv */
	char errbuf[96];
};

void resp_init(struct resp_parser *p, const struct resp_limits *lim);
void resp_free(struct resp_parser *p);

/* Consume input until a command or an error is complete, or the input is used up.
 * Returns the number of bytes consumed (call again with the rest) and the event. */
size_t resp_feed(struct resp_parser *p, const char *buf, size_t len, enum resp_event *ev);

/* Release buffers grown for a large command (call when the connection is idle). */
void resp_shrink(struct resp_parser *p);

#endif
