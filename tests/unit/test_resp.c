/* apps/kvstore/resp.c: the streaming RESP2 parser, fed whole and in pieces. */
#include <stdlib.h>

#include "kvstore/resp.h"
#include "tap.h"

static const struct resp_limits lim = { .max_args = 8, .max_arg = 64, .max_cmd = 256 };

/* Feed in chunks of `chunk` bytes; return a transcript "[a b c] !ERR ... " of events. */
static char *run(const char *in, size_t len, size_t chunk)
{
	static char out[4096];
	struct resp_parser p;
	size_t o = 0, pos = 0;

	resp_init(&p, &lim);
	out[0] = 0;
	while (pos < len) {
		size_t n = len - pos < chunk ? len - pos : chunk;
		const char *b = in + pos;

		pos += n;
		while (n) {
			enum resp_event ev;
			size_t used = resp_feed(&p, b, n, &ev);

			b += used;
			n -= used;
			if (ev == RESP_CMD) {
				o += (size_t)snprintf(out + o, sizeof(out) - o, "[");
				for (size_t i = 0; i < p.argc; i++)
					o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%.*s",
							      i ? " " : "", (int)p.argv[i].len,
							      p.argv[i].p);
				o += (size_t)snprintf(out + o, sizeof(out) - o, "] ");
			} else if (ev == RESP_ERROR) {
				o += (size_t)snprintf(out + o, sizeof(out) - o, "!%s ", p.error);
			} else if (used == 0 && n) {
				o += (size_t)snprintf(out + o, sizeof(out) - o, "STUCK ");
				n = 0;
			}
		}
	}
	resp_free(&p);
	return out;
}

/* The same transcript whatever the chunking. */
static void check(const char *name, const char *in, size_t len, const char *want)
{
	static const size_t chunks[] = { 1, 2, 3, 5, 7, 13, 4096 };
	int same = 1;
	char first[4096];

	snprintf(first, sizeof(first), "%s", run(in, len, chunks[0]));
	for (size_t i = 1; i < sizeof(chunks) / sizeof(chunks[0]); i++)
		same &= !strcmp(first, run(in, len, chunks[i]));
	is_str(first, want, "%s", name);
	ok(same, "%s: same result for every chunk size", name);
}

#define CHECK(name, in, want) check(name, in, sizeof(in) - 1, want)

static long accounted;
static int refuse_over = 1 << 30;
static int acct(void *ctx, long delta)
{
	if (delta > 0 && accounted + delta > refuse_over)
		return -1;
	accounted += delta;
	return 0;
}

int main(void)
{
	CHECK("one command", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "[GET k] ");
	CHECK("pipeline", "*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$2\r\nbb\r\n",
	      "[PING] [SET a bb] ");
	CHECK("binary argument", "*2\r\n$4\r\nECHO\r\n$4\r\n\r\n\0x\r\n", "[ECHO \r\n] ");
	CHECK("empty argument", "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", "[ECHO ] ");
	CHECK("inline", "PING\r\nSET  k\tv\nGET k\r\n", "[PING] [SET k v] [GET k] ");
	CHECK("blank lines ignored", "\r\n\r\n\n*1\r\n$4\r\nPING\r\n", "[PING] ");
	CHECK("*0 and *-1 ignored", "*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n", "[PING] ");
	CHECK("bad multibulk length",
	      "*x\r\n*1\r\n$4\r\nPING\r\n",
	      "!ERR Protocol error: invalid multibulk length [PING] ");
	CHECK("huge multibulk length", "*99999999\r\nPING\r\n",
	      "!ERR Protocol error: invalid multibulk length [PING] ");
	CHECK("expected $", "*1\r\n:4\r\nPING\r\n",
	      "!ERR Protocol error: expected '$', got ':' [PING] ");
	CHECK("negative bulk length", "*1\r\n$-1\r\nPING\r\n",
	      "!ERR Protocol error: invalid bulk length [PING] ");
	CHECK("missing CR LF after bulk", "*1\r\n$2\r\nabcd\r\nPING\r\n",
	      "!ERR Protocol error: expected CR LF after a bulk string [PING] ");
	CHECK("overlong header line", "*1111111111111111111111111111111\r\nPING\r\n",
	      "!ERR Protocol error: invalid multibulk length [PING] ");
	CHECK("too many arguments, then on",
	      "*9\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n"
	      "$1\r\na\r\n$1\r\na\r\n$1\r\na\r\n*1\r\n$4\r\nPING\r\n",
	      "!ERR too many arguments [PING] ");
	CHECK("argument too long, then on",
	      "*2\r\n$3\r\nSET\r\n$65\r\n"
	      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "*1\r\n$4\r\nPING\r\n",
	      "!ERR argument too long (65 bytes, the limit is 64) [PING] ");
	CHECK("command too long, then on",
	      "*5\r\n$60\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "$60\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "$60\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "$60\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "$60\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "PING\r\n",
	      "!ERR command too long (300 bytes, the limit is 256) [PING] ");
	CHECK("inline too long",
	      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
	      "PING\r\n",
	      "!ERR Protocol error: too big inline request [PING] ");
	CHECK("inline with too many words", "a b c d e f g h i\r\nPING\r\n",
	      "!ERR too many arguments [PING] ");
	CHECK("garbage bytes", "\x01\x02\xff\xfe\r\nPING\r\n", "[\x01\x02\xff\xfe] [PING] ");

	/* incomplete input gives nothing, and no stuck parser */
	is_str(run("*2\r\n$3\r\nGET\r\n$1\r\n", 18, 1), "", "incomplete command: no event");

	/* memory accounting: refused growth reports OOM, and everything is given back */
	struct resp_parser p;
	struct resp_limits l = lim;
	enum resp_event ev;
	const char *big = "*2\r\n$4\r\nECHO\r\n$60\r\n"
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n";

	l.account = acct;
	resp_init(&p, &l);
	size_t used = resp_feed(&p, big, strlen(big), &ev);

	ok(ev == RESP_CMD && used == strlen(big) && accounted > 0, "accounting counts growth");
	resp_shrink(&p);
	resp_free(&p);
	is_int(accounted, 0, "everything accounted is given back");
	/* 800 bytes: room for a small command's buffers, not for a 1000-byte argument */
	static char huge[1100];

	refuse_over = 800;
	l.max_arg = 2000;
	l.max_cmd = 4000;
	snprintf(huge, sizeof(huge), "*2\r\n$4\r\nECHO\r\n$1000\r\n");
	size_t h = strlen(huge);

	memset(huge + h, 'y', 1000);
	memcpy(huge + h + 1000, "\r\n", 2);
	h += 1002;
	resp_init(&p, &l);
	resp_feed(&p, "*1\r\n$4\r\nPING\r\n", 14, &ev);
	ok(ev == RESP_CMD, "a small command fits the budget");
	used = resp_feed(&p, huge, h, &ev);
	ok(ev == RESP_ERROR && !strncmp(p.error, "OOM", 3) && used == h,
	   "growth past the budget: OOM error, the command consumed");
	resp_feed(&p, "*1\r\n$4\r\nPING\r\n", 14, &ev);
	ok(ev == RESP_CMD && p.argc == 1, "and the next command parses");
	resp_free(&p);
	is_int(accounted, 0, "nothing left accounted");
	return done_testing();
}
