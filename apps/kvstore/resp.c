/* Streaming RESP2 request parser (resp.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resp.h"

/* As Redis: a multibulk count above this is a protocol error, not a big command. */
#define MAX_MULTIBULK	(1024 * 1024)
#define MAX_BULK	(512ll * 1024 * 1024)
#define ARENA_MIN	512
#define SLOTS_MIN	8
/* Buffers above these sizes are released by resp_shrink. */
#define ARENA_KEEP	(16 * 1024)
#define SLOTS_KEEP	64

enum state {
	ST_START,	/* before a command */
	ST_ARRAY_LINE,	/* "*<count>" */
	ST_BULK_LINE,	/* "$<len>" */
	ST_BULK_DATA,
	ST_BULK_CR,
	ST_BULK_LF,
	ST_INLINE,	/* an inline command's line */
	ST_SKIP_LINE,	/* after a protocol error: up to the next LF */
};

void resp_init(struct resp_parser *p, const struct resp_limits *lim)
{
	memset(p, 0, sizeof(*p));
	p->lim = *lim;
}

static int account(struct resp_parser *p, long delta)
{
	return p->lim.account ? p->lim.account(p->lim.account_ctx, delta) : 0;
}

void resp_free(struct resp_parser *p)
{
	account(p, -(long)(p->cap + p->slots * (sizeof(size_t) + sizeof(struct resp_arg))));
	free(p->arena);
	free(p->offs);
	free(p->argv);
	p->arena = NULL;
	p->offs = NULL;
	p->argv = NULL;
	p->cap = p->slots = 0;
}

void resp_shrink(struct resp_parser *p)
{
	if (p->state == ST_START && (p->cap > ARENA_KEEP || p->slots > SLOTS_KEEP))
		resp_free(p);
}

/* Room for need more arena bytes; 0, or -1 if the limit or memory says no. */
static int arena_room(struct resp_parser *p, size_t need)
{
	size_t cap = p->cap ? p->cap : ARENA_MIN;
	char *a;

	if (p->used + need <= p->cap)
		return 0;
	if (p->used + need > p->lim.max_cmd + p->lim.max_args + 1)
		return -1;
	while (cap < p->used + need)
		cap *= 2;
	if (account(p, (long)(cap - p->cap)))
		return -1;
	if (!(a = realloc(p->arena, cap))) {
		account(p, -(long)(cap - p->cap));
		return -1;
	}
	p->arena = a;
	p->cap = cap;
	return 0;
}

static int slot_room(struct resp_parser *p, size_t n)
{
	size_t slots = p->slots ? p->slots : SLOTS_MIN;
	const size_t per = sizeof(size_t) + sizeof(struct resp_arg);

	if (n <= p->slots)
		return 0;
	while (slots < n)
		slots *= 2;
	if (account(p, (long)((slots - p->slots) * per)))
		return -1;
	size_t *offs = realloc(p->offs, slots * sizeof(*offs));

	if (offs)
		p->offs = offs;
	struct resp_arg *argv = offs ? realloc(p->argv, slots * sizeof(*argv)) : NULL;

	if (!argv) {
		account(p, -(long)((slots - p->slots) * per));
		return -1;
	}
	p->argv = argv;
	p->slots = slots;
	return 0;
}

static void reset(struct resp_parser *p)
{
	p->state = ST_START;
	p->used = 0;
	p->argc = 0;
	p->argi = p->nargs = 0;
	p->refuse = NULL;
	p->line_len = 0;
}

/* A protocol error: report it, then skip to the next line feed unless the byte that
 * ended the bad part was one. */
static size_t proto_error(struct resp_parser *p, const char *msg, int at_lf,
			  size_t consumed, enum resp_event *ev)
{
	reset(p);
	if (!at_lf)
		p->state = ST_SKIP_LINE;
	snprintf(p->errbuf, sizeof(p->errbuf), "ERR Protocol error: %s", msg);
	p->error = p->errbuf;
	*ev = RESP_ERROR;
	return consumed;
}

/* Strict decimal: an optional '-', then 1-19 digits. */
static int parse_ll(const char *s, size_t len, long long *out)
{
	long long v = 0;
	size_t i = 0;
	int neg = 0;

	if (len && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len || len - i > 18)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

/* The command's end: hand it out, or the reason it was refused. */
static void complete(struct resp_parser *p, enum resp_event *ev)
{
	if (p->refuse) {
		if (p->refuse != p->errbuf)
			snprintf(p->errbuf, sizeof(p->errbuf), "%s", p->refuse);
		p->error = p->errbuf;
		*ev = RESP_ERROR;
		reset(p);
		return;
	}
	p->argc = (size_t)p->nargs;
	for (size_t i = 0; i < p->argc; i++)
		p->argv[i].p = p->arena + p->offs[i];
	*ev = RESP_CMD;
	p->state = ST_START;	/* argv stays valid until the next feed resets */
}

static void refuse(struct resp_parser *p, const char *why)
{
	if (!p->refuse)
		p->refuse = why;
}

/* A refusal that names the size and the limit (kept in errbuf until reported). */
static void refuse_size(struct resp_parser *p, const char *what, size_t len, size_t limit)
{
	if (p->refuse)
		return;
	snprintf(p->errbuf, sizeof(p->errbuf), "ERR %s too long (%lu bytes, the limit is %lu)",
		 what, (unsigned long)len, (unsigned long)limit);
	p->refuse = p->errbuf;
}

/* Start argument argi of len bytes; its bytes follow. */
static void begin_arg(struct resp_parser *p, size_t len)
{
	if (p->refuse)
		return;
	/* the arena holds argi arguments so far, each followed by a NUL */
	size_t so_far = p->used - (size_t)p->argi;

	if (len > p->lim.max_arg)
		refuse_size(p, "argument", len, p->lim.max_arg);
	else if (so_far + len > p->lim.max_cmd)
		refuse_size(p, "command", so_far + len, p->lim.max_cmd);
	else if (arena_room(p, len + 1) || slot_room(p, (size_t)p->argi + 1))
		refuse(p, "OOM not enough memory for this command");
	else
		p->offs[p->argi] = p->used;
	if (!p->refuse)
		p->argv[p->argi].len = len;
}

/* A complete '*' or '$' line in p->line. Returns 0 to go on, 1 if an event is set. */
static int header_line(struct resp_parser *p, enum resp_event *ev)
{
	long long n;
	size_t len = p->line_len;

	if (len && p->line[len - 1] == '\r')
		len--;
	if (p->state == ST_ARRAY_LINE) {
		if (parse_ll(p->line, len, &n) || n > MAX_MULTIBULK) {
			proto_error(p, "invalid multibulk length", 1, 0, ev);
			return 1;
		}
		if (n <= 0) {		/* "*0" and "*-1": nothing to do, as Redis */
			reset(p);
			return 0;
		}
		p->nargs = n;
		p->argi = 0;
		if ((size_t)n > p->lim.max_args)
			refuse(p, "ERR too many arguments");
		p->state = ST_BULK_LINE;
		p->line_len = 0;
		return 0;
	}
	/* ST_BULK_LINE */
	if (len == 0 || p->line[0] != '$') {
		char msg[40];

		snprintf(msg, sizeof(msg), "expected '$', got '%c'",
			 len && p->line[0] >= 0x20 && p->line[0] < 0x7f ? p->line[0] : '?');
		proto_error(p, msg, 1, 0, ev);
		return 1;
	}
	if (parse_ll(p->line + 1, len - 1, &n) || n < 0 || n > MAX_BULK) {
		proto_error(p, "invalid bulk length", 1, 0, ev);
		return 1;
	}
	begin_arg(p, (size_t)n);
	p->bulk_left = n;
	p->line_len = 0;
	p->state = ST_BULK_DATA;
	return 0;
}

/* Split the inline line (arena[0..used)) into words. */
static void split_inline(struct resp_parser *p, enum resp_event *ev)
{
	size_t i = 0, n = 0;
	char *a = p->arena;

	if (p->refuse) {
		complete(p, ev);
		return;
	}
	if (p->used && a[p->used - 1] == '\r')
		p->used--;
	while (i < p->used) {
		while (i < p->used && (a[i] == ' ' || a[i] == '\t'))
			i++;
		if (i == p->used)
			break;
		size_t s = i;

		while (i < p->used && a[i] != ' ' && a[i] != '\t')
			i++;
		if (n >= p->lim.max_args) {
			refuse(p, "ERR too many arguments");
			break;
		}
		if (slot_room(p, n + 1)) {
			refuse(p, "OOM not enough memory for this command");
			break;
		}
		p->offs[n] = s;
		p->argv[n].len = i - s;
		a[i] = 0;	/* the separator, or the byte reserved after the line */
		n++;
		i++;
	}
	if (!n && !p->refuse) {		/* a blank line: ignored */
		reset(p);
		return;
	}
	p->nargs = (long long)n;
	complete(p, ev);
}

size_t resp_feed(struct resp_parser *p, const char *buf, size_t len, enum resp_event *ev)
{
	size_t i = 0;

	*ev = RESP_NONE;
	if (p->state == ST_START && (p->argc || p->used))
		reset(p);	/* the previous command's argv is released now */
	while (i < len) {
		char c = buf[i];

		switch (p->state) {
		case ST_START:
			if (c == '\r' || c == '\n') {
				i++;
				break;
			}
			if (c == '*') {
				p->state = ST_ARRAY_LINE;
				p->line_len = 0;
				i++;
			} else {
				p->state = ST_INLINE;
			}
			break;
		case ST_ARRAY_LINE:
		case ST_BULK_LINE:
			i++;
			if (c == '\n') {
				if (header_line(p, ev))
					return i;
				break;
			}
			if (p->line_len == sizeof(p->line))
				return proto_error(p, p->state == ST_ARRAY_LINE ?
						   "invalid multibulk length" :
						   "invalid bulk length", 0, i, ev);
			p->line[p->line_len++] = c;
			break;
		case ST_BULK_DATA: {
			size_t n = len - i;

			if ((long long)n > p->bulk_left)
				n = (size_t)p->bulk_left;
			if (!p->refuse) {
				memcpy(p->arena + p->used, buf + i, n);
				p->used += n;
			}
			i += n;
			p->bulk_left -= (long long)n;
			if (!p->bulk_left)
				p->state = ST_BULK_CR;
			break;
		}
		case ST_BULK_CR:
			if (c != '\r')
				return proto_error(p, "expected CR LF after a bulk string",
						   c == '\n', i + 1, ev);
			i++;
			p->state = ST_BULK_LF;
			break;
		case ST_BULK_LF:
			i++;
			if (c != '\n')
				return proto_error(p, "expected CR LF after a bulk string", 0,
						   i, ev);
			if (!p->refuse)
				p->arena[p->used++] = 0;
			if (++p->argi == p->nargs) {
				complete(p, ev);
				return i;
			}
			p->state = ST_BULK_LINE;
			p->line_len = 0;
			break;
		case ST_INLINE: {
			const char *nl = memchr(buf + i, '\n', len - i);
			size_t n = (nl ? (size_t)(nl - (buf + i)) : len - i);

			if (!p->refuse) {
				if (p->used + n > p->lim.max_cmd || arena_room(p, n + 1))
					refuse(p, "ERR Protocol error: too big inline request");
				else {
					memcpy(p->arena + p->used, buf + i, n);
					p->used += n;
				}
			}
			i += n;
			if (nl) {
				i++;
				split_inline(p, ev);
				if (*ev != RESP_NONE)
					return i;
			}
			break;
		}
		case ST_SKIP_LINE: {
			const char *nl = memchr(buf + i, '\n', len - i);

			if (!nl)
				return len;
			i = (size_t)(nl - buf) + 1;
			p->state = ST_START;
			break;
		}
		}
	}
	return i;
}
