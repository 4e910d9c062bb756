/*
 * Clients: one thread each, which reads what the client sent, runs every complete
 * command in it (a pipeline), waits once for the log to commit the writes among
 * them, and sends all the replies together.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <pvkit/pvkit.h>

#include "cmd.h"
#include "config.h"
#include "server.h"
#include "store.h"

struct client {
	int fd;
	struct resp_parser parser;
	struct reply out;
	char in[KV_RECV_BUF];
};

static struct kv *kv;
static const struct server_conf *conf;
static unsigned clients;
static uint64_t connections, rejected, commands;
static uint64_t start_ns;

/* Client buffers count against maxmemory, as Redis counts them. */
static int account(void *ctx, long delta)
{
	if (delta > 0 && kv->used + (size_t)delta > kv->max)
		return -1;
	kv->used += (size_t)delta;
	return 0;
}

static void info(void *ctx, const char *section, struct reply *t)
{
	if (!strcmp(section, "server")) {
		reply_rawf(t, "# Server\r\nredis_version:7.0.0\r\nredis_mode:standalone\r\n"
			   "pvkit_version:%s\r\nlibc:%s\r\nhypervisor:%s\r\nos:pvkit\r\n"
			   "tcp_port:%u\r\nuptime_in_seconds:%llu\r\n", pv_sysinfo()->version,
			   pv_sysinfo()->libc, pv_hypervisor()->name, conf->port,
			   (unsigned long long)((pv_now_ns() - start_ns) / 1000000000));
	} else if (!strcmp(section, "clients")) {
		reply_rawf(t, "# Clients\r\nconnected_clients:%u\r\nmaxclients:%u\r\n"
			   "total_connections_received:%llu\r\nrejected_connections:%llu\r\n",
			   clients, conf->maxclients, (unsigned long long)connections,
			   (unsigned long long)rejected);
	} else if (!strcmp(section, "persistence")) {
		store_info(t);
	}
}

static struct cmd_server srv = { info, 0, NULL };

static int send_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = send(fd, p, len, 0);

		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Close after reading what already arrived, so the peer gets FIN, not RST. */
static void drain_and_close(int fd)
{
	char tmp[256];

	while (recv(fd, tmp, sizeof(tmp), MSG_DONTWAIT) > 0)
		;
	closesocket(fd);
}

/* Run every complete command in in[0..len). Returns 0, or 1 to close (QUIT). */
static int run_commands(struct client *c, struct cmd_ctx *ctx, const char *in, size_t len)
{
	while (len) {
		enum resp_event ev;
		size_t used = resp_feed(&c->parser, in, len, &ev);

		in += used;
		len -= used;
		if (ev == RESP_CMD) {
			ctx->now = store_now();
			cmd_run(ctx, c->parser.argc, c->parser.argv);
			if (ctx->quit)
				return 1;
		} else if (ev == RESP_ERROR) {
			reply_error(&c->out, c->parser.error);
		}
	}
	return 0;
}

static void client_main(void *arg)
{
	struct client *c = arg;
	struct cmd_ctx ctx = { .kv = kv, .out = &c->out, .log = store_log(), .srv = &srv,
			       .lim = conf->lim };
	struct resp_limits lim = { KV_MAX_ARGS, conf->lim.max_val > conf->lim.max_key ?
				   conf->lim.max_val : conf->lim.max_key, KV_MAX_CMD, account,
				   NULL };
	int quit = 0;

	resp_init(&c->parser, &lim);
	reply_init(&c->out);
	while (!quit) {
		ssize_t n = recv(c->fd, c->in, sizeof(c->in), 0);

		if (n <= 0)
			break;
		ctx.wait_seq = 0;
		ctx.commands = 0;
		quit = run_commands(c, &ctx, c->in, (size_t)n);
		commands += ctx.commands;
		/* never acknowledge a write before the log has it */
		if (ctx.wait_seq && store_wait(ctx.wait_seq))
			break;
		if (reply_failed(&c->out))
			break;			/* a reply ran out of memory: cannot send it */
		if (c->out.len && send_all(c->fd, c->out.buf, c->out.len))
			break;
		reply_reset(&c->out, KV_REPLY_KEEP);
		resp_shrink(&c->parser);
	}
	resp_free(&c->parser);
	reply_free(&c->out);
	drain_and_close(c->fd);
	free(c);
	clients--;
}

static void reject(int fd)
{
	static const char msg[] = "-ERR max number of clients reached\r\n";

	send(fd, msg, sizeof(msg) - 1, MSG_DONTWAIT);
	drain_and_close(fd);
	rejected++;
}

int server_run(struct kv *table, const struct server_conf *cf)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)cf->port),
				  .sin_addr.s_addr = htonl(INADDR_ANY) };
	int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0);

	kv = table;
	conf = cf;
	srv.persistent = store_log() != NULL;
	start_ns = pv_now_ns();
	if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(ls, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(ls, TCP_DEFAULT_LISTEN_BACKLOG)) {
		pv_err("kvstore: cannot listen on port %u (errno %d)", cf->port, errno);
		return -1;
	}
	pv_info("kvstore: listening on port %u, %u clients at most", cf->port, cf->maxclients);
	for (;;) {
		int fd = accept(ls, NULL, NULL);
		struct client *c;

		if (fd < 0) {
			pv_sleep_ms(10);	/* out of sockets: let closes catch up */
			continue;
		}
		connections++;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (clients >= cf->maxclients || !(c = malloc(sizeof(*c)))) {
			reject(fd);
			continue;
		}
		c->fd = fd;
		if (!pv_thread_create("client", client_main, c, KV_CONN_STACK)) {
			free(c);
			reject(fd);
			continue;
		}
		clients++;
	}
}
