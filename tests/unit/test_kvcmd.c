/* apps/kvstore: the table (kv.c), glob matching, and every command through cmd_run,
 * with a fake log that records what would be persisted. */
#include <stdlib.h>

#include "kvstore/cmd.h"
#include "kvstore/glob.h"
#include "kvstore/replay.h"
#include "tap.h"

static struct kv kv;
static struct reply out;
static char logged[4096];
static size_t nlogged;
static uint64_t seq;
static const char *refusal;

static uint64_t fake_append(void *ctx, const struct kvlog_rec *r)
{
	static const char *const names[] = { "?", "SET", "DEL", "EXPIRE", "FLUSHALL", "CLOCK",
					     "APPEND" };

	nlogged += (size_t)snprintf(logged + nlogged, sizeof(logged) - nlogged, "%s %.*s %.*s %lld;",
				    names[r->type], (int)r->klen, r->key ? r->key : "",
				    (int)r->vlen, r->val ? r->val : "", (long long)r->time);
	return ++seq;
}

static const char *fake_refuse(void *ctx)
{
	return refusal;
}

static const struct cmd_log fake_log = { fake_refuse, fake_append, NULL };
static struct cmd_ctx ctx;

/* Run a command given as space-separated words; return its reply with CR LF as '|'. */
static const char *run(const char *line)
{
	static char copy[512], text[4096];
	struct resp_arg argv[32];
	size_t argc = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (char *s = strtok(copy, " "); s && argc < 32; s = strtok(NULL, " "))
		argv[argc++] = (struct resp_arg){ s, strlen(s) };
	out.len = 0;
	ctx.wait_seq = 0;
	cmd_run(&ctx, argc, argv);
	size_t n = 0;

	for (size_t i = 0; i < out.len && n < sizeof(text) - 1; i++)
		if (out.buf[i] != '\r')
			text[n++] = out.buf[i] == '\n' ? '|' : out.buf[i];
	text[n] = 0;
	return text;
}

#define R(line, want) is_str(run(line), want, "%s", line)

static void table_sorted(void)
{
	int sorted = 1;

	for (size_t i = 1; i < cmd_count; i++)
		sorted &= strcmp(cmd_table[i - 1].name, cmd_table[i].name) < 0;
	ok(sorted, "command table sorted for binary search");
}

static void globs(void)
{
#define G(p, s, want) ok(glob_match(p, strlen(p), s, strlen(s)) == want, \
			  "glob '%s' vs '%s' = %d", p, s, want)
	G("*", "", 1);
	G("*", "anything", 1);
	G("h?llo", "hello", 1);
	G("h?llo", "hllo", 0);
	G("h*llo", "heeeello", 1);
	G("h[ae]llo", "hallo", 1);
	G("h[ae]llo", "hillo", 0);
	G("h[^e]llo", "hallo", 1);
	G("h[^e]llo", "hello", 0);
	G("h[a-b]llo", "hbllo", 1);
	G("h[b-a]llo", "hallo", 1);
	G("a\\*b", "a*b", 1);
	G("a\\*b", "axb", 0);
	G("*a*b*c*", "xxaxxbxxcxx", 1);
	G("*a*b*c*", "xxaxxcxxbxx", 0);
	G("key:*", "key:1", 1);
	G("[", "x", 0);
	G("[abc", "b", 1);
	G("\\", "\\", 1);	/* a trailing backslash is literal, as in Redis */
	G("a*", "b", 0);
#undef G
}

static void engine(void)
{
	struct kv small;

	ok(kv_init(&small, 2000, 1, 2) == 0, "table with a 2000-byte budget");
	size_t base = small.used;

	ok(kv_set(&small, "a", 1, "12345", 5, 0) != NULL, "a small entry fits");
	ok(small.used > base, "used grows");
	char big[2000];

	memset(big, 'x', sizeof(big));
	ok(kv_set(&small, "b", 1, big, sizeof(big), 0) == NULL, "an entry over the budget fails");
	ok(small.count == 1, "and changes nothing");
	ok(kv_del(&small, "a", 1, 0) == 1 && small.used == base, "delete gives the memory back");
	ok(kv_set(&small, "t", 1, "v", 1, 100) && kv_get(&small, "t", 1, 99), "alive before expiry");
	ok(!kv_get(&small, "t", 1, 100) && small.count == 0, "gone at its expiry, removed");
	for (int i = 0; i < 10; i++) {
		char k[16];

		snprintf(k, sizeof(k), "k%d", i);
		kv_set(&small, k, strlen(k), "v", 1, 50);
	}
	is_int(kv_expire_step(&small, 60, 1000), 10, "active expiry removes all ten");
	is_int(small.used, base, "nothing left accounted");
	kv_free(&small);

	/* many keys: resizing keeps them all */
	struct kv big_kv;
	int all = 1;

	kv_init(&big_kv, 1 << 30, 3, 4);
	for (int i = 0; i < 5000; i++) {
		char k[16];

		snprintf(k, sizeof(k), "key%d", i);
		kv_set(&big_kv, k, strlen(k), k, strlen(k), 0);
	}
	for (int i = 0; i < 5000; i++) {
		char k[16];

		snprintf(k, sizeof(k), "key%d", i);
		struct kv_entry *e = kv_get(&big_kv, k, strlen(k), 0);

		all &= e && e->vlen == strlen(k) && !memcmp(kv_val(e), k, e->vlen);
	}
	ok(all && big_kv.count == 5000 && big_kv.nbuckets >= 4096, "5000 keys after resizing");
	size_t seen = 0, b = 0;

	for (struct kv_entry *e = kv_next(&big_kv, &b, NULL); e; e = kv_next(&big_kv, &b, e))
		seen++;
	is_int(seen, 5000, "iteration sees each key once");
	kv_free(&big_kv);
}

/* Replaying what the commands logged gives the same table. */
static void replay_matches(void)
{
	struct kv copy;
	int same = 1;
	char *save = strdup(logged), *rec, *sp;

	kv_init(&copy, 1 << 20, 9, 9);
	for (rec = strtok_r(save, ";", &sp); rec; rec = strtok_r(NULL, ";", &sp)) {
		char type[16], key[64] = "", val[256] = "";
		long long t = 0;
		struct kvlog_rec r = { 0 };

		if (sscanf(rec, "%15s", type) != 1)
			continue;
		/* fields are "TYPE key value time" with empty fields collapsing */
		char *f[4] = { 0 };
		int nf = 0;

		for (char *p = strtok(rec, " "); p && nf < 4; p = strtok(NULL, " "))
			f[nf++] = p;
		if (!strcmp(type, "SET") || !strcmp(type, "APPEND")) {
			snprintf(key, sizeof(key), "%s", f[1]);
			if (nf == 4)
				snprintf(val, sizeof(val), "%s", f[2]);
			t = atoll(f[nf - 1]);
			r.type = !strcmp(type, "SET") ? KVLOG_SET : KVLOG_APPEND;
		} else if (!strcmp(type, "DEL") || !strcmp(type, "EXPIRE")) {
			snprintf(key, sizeof(key), "%s", f[1]);
			t = atoll(f[nf - 1]);
			r.type = !strcmp(type, "DEL") ? KVLOG_DEL : KVLOG_EXPIRE;
		} else {
			r.type = KVLOG_FLUSHALL;
		}
		r.key = key;
		r.klen = (uint32_t)strlen(key);
		r.val = val;
		r.vlen = (uint32_t)strlen(val);
		r.time = t;
		replay_apply(&copy, &r);
	}
	size_t b = 0;

	for (struct kv_entry *e = kv_next(&kv, &b, NULL); e; e = kv_next(&kv, &b, e)) {
		struct kv_entry *c = kv_get(&copy, kv_key(e), e->klen, INT64_MIN);

		int eq = c && c->vlen == e->vlen && !memcmp(kv_val(c), kv_val(e), e->vlen) &&
			 c->expire == e->expire;

		if (!eq)
			printf("# replay differs for key '%.*s'\n", (int)e->klen, kv_key(e));
		same &= eq;
	}
	size_t live = 0;

	b = 0;
	for (struct kv_entry *e = kv_next(&copy, &b, NULL); e; e = kv_next(&copy, &b, e))
		live += !e->expire || e->expire > ctx.now;
	ok(same && live == kv.count, "replaying the log rebuilds the same live keys (%zu)",
	   kv.count);
	kv_free(&copy);
	free(save);
}

int main(void)
{
	table_sorted();
	globs();
	engine();

	kv_init(&kv, 1 << 20, 5, 6);
	reply_init(&out);
	ctx = (struct cmd_ctx){ .kv = &kv, .out = &out, .now = 1000000, .log = &fake_log,
				.lim = { .max_key = 16, .max_val = 64 } };

	R("PING", "+PONG|");
	R("ping hello", "$5|hello|");
	R("PING a b", "-ERR wrong number of arguments for 'ping' command|");
	R("ECHO hi", "$2|hi|");
	R("GET nothing", "$-1|");
	R("SET k v", "+OK|");
	ok(ctx.wait_seq == seq && seq > 0, "a write waits for its log record");
	R("GET k", "$1|v|");
	R("set k v2 XX", "+OK|");
	R("SET k v3 NX", "$-1|");
	R("SET new v NX", "+OK|");
	R("SET k v GET", "$2|v2|");
	R("SET k v NX XX", "-ERR syntax error|");
	R("SET k v EX", "-ERR syntax error|");
	R("SET k v EX abc", "-ERR value is not an integer or out of range|");
	R("SET k v EX 0", "-ERR invalid expire time in 'set' command|");
	R("SET k v EX 10 PX 10", "-ERR syntax error|");
	R("SET k v BOGUS", "-ERR syntax error|");
	R("SET t v EX 10", "+OK|");
	R("TTL t", ":10|");
	R("PTTL t", ":10000|");
	ctx.now += 9600;
	R("TTL t", ":0|");
	R("SET t v2 KEEPTTL", "+OK|");
	R("PTTL t", ":400|");
	ctx.now += 400;
	R("GET t", "$-1|");
	R("TTL t", ":-2|");
	R("TTL k", ":-1|");

	R("INCR n", ":1|");
	R("INCRBY n 41", ":42|");
	R("DECR n", ":41|");
	R("DECRBY n -9", ":50|");
	R("INCR k", "-ERR value is not an integer or out of range|");
	R("INCRBY n 1x", "-ERR value is not an integer or out of range|");
	R("SET n 9223372036854775807", "+OK|");
	R("INCR n", "-ERR increment or decrement would overflow|");
	R("SET n -9223372036854775808", "+OK|");
	R("DECR n", "-ERR increment or decrement would overflow|");
	R("DECRBY n -9223372036854775808", "-ERR value is not an integer or out of range|");
	R("SET n 007", "+OK|");
	R("INCR n", "-ERR value is not an integer or out of range|");

	R("APPEND s abc", ":3|");
	R("APPEND s def", ":6|");
	R("GET s", "$6|abcdef|");
	R("STRLEN s", ":6|");
	R("STRLEN nope", ":0|");
	R("MSET a 1 b 2 c 3", "+OK|");
	R("MSET a 1 b", "-ERR wrong number of arguments for 'mset' command|");
	R("MGET a b nope c", "*4|$1|1|$1|2|$-1|$1|3|");
	R("EXISTS a b nope a", ":3|");
	R("DEL a b nope", ":2|");
	R("EXISTS a b", ":0|");
	R("EXPIRE c 100", ":1|");
	R("EXPIRE c 200 NX", ":0|");
	R("EXPIRE c 200 GT", ":1|");
	R("EXPIRE c 100 GT", ":0|");
	R("EXPIRE c 50 LT", ":1|");
	R("EXPIRE c 50 NX XX", "-ERR NX and XX, GT or LT options at the same time are not compatible|");
	R("EXPIRE c 50 GT LT", "-ERR GT and LT options at the same time are not compatible|");
	R("EXPIRE c 50 FOO", "-ERR Unsupported option FOO|");
	R("EXPIRE nope 10", ":0|");
	R("PERSIST c", ":1|");
	R("TTL c", ":-1|");
	R("PEXPIRE c 1500", ":1|");
	R("TTL c", ":2|");
	R("EXPIRE c -1", ":1|");
	R("EXISTS c", ":0|");
	R("EXPIRE c 99999999999999999", "-ERR invalid expire time in 'expire' command|");

	ok(!strncmp(run("KEYS *"), "*4|", 3), "KEYS * lists the four live keys");
	R("KEYS ne?", "*1|$3|new|");
	R("KEYS [kn]", "*2|$1|n|$1|k|");
	R("KEYS nomatch*", "*0|");
	R("DBSIZE", ":4|");
	R("SELECT 0", "+OK|");
	R("SELECT 1", "-ERR DB index is out of range|");

	/* limits and errors */
	R("GET 01234567890123456", "-ERR key is too long (17 bytes, the limit is 16)|");
	R("SET k 01234567890123456789012345678901234567890123456789012345678901234",
	  "-ERR value is too long (65 bytes, the limit is 64)|");
	R("APPEND s 0123456789012345678901234567890123456789012345678901234567890",
	  "-ERR value is too long (67 bytes, the limit is 64)|");
	R("GET", "-ERR wrong number of arguments for 'get' command|");
	R("FOO bar baz", "-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' |");
	R("CONFIG GET save", "*2|$4|save|$0||");
	R("CONFIG GET *", "*8|$10|appendonly|$2|no|$11|appendfsync|$6|always|$9|maxmemory|$7|1048576|$4|save|$0||");
	R("CONFIG SET x y", "-ERR only CONFIG GET <pattern> is supported|");
	R("COMMAND COUNT", ":27|");
	R("COMMAND DOCS", "*0|");
	ok(!strncmp(run("COMMAND INFO get"), "*1|*10|$3|get|:2|*2|+readonly|+fast|:1|:1|:1|", 45),
	   "COMMAND INFO get");
	ok(strstr(run("INFO"), "used_memory:") && strstr(run("INFO"), "db0:keys=4,"),
	   "INFO has memory and keyspace");
	ok(!strstr(run("INFO memory"), "db0"), "INFO memory only");

	refusal = "MISCONF the disk failed";
	R("SET x y", "-MISCONF the disk failed|");
	R("GET k", "$1|v|");
	refusal = NULL;

	replay_matches();

	/* out of memory: writes refused, reads and deletes fine */
	struct kv tiny;

	kv_init(&tiny, kv.used > 0 ? 1200 : 0, 7, 8);
	ctx.kv = &tiny;
	R("SET a 0123456789", "+OK|");
	char cmd[200];

	snprintf(cmd, sizeof(cmd), "SET b %064d", 0);
	for (int i = 0; i < 20 && strcmp(run(cmd), "+OK|") == 0; i++)
		cmd[4] = (char)('c' + i);
	is_str(run(cmd), "-OOM command not allowed when used memory > 'maxmemory'.|",
	       "writes past the budget: OOM");
	R("MSET x 1 y 2", "-OOM command not allowed when used memory > 'maxmemory'.|");
	R("GET a", "$10|0123456789|");
	R("DEL a", ":1|");
	R("SET z 1", "+OK|");
	R("QUIT", "+OK|");
	ok(ctx.quit, "QUIT closes");
	kv_free(&tiny);
	kv_free(&kv);
	reply_free(&out);
	return done_testing();
}
