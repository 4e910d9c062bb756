/*
 * httpd: a static HTTP/1.1 file server (docs/APPS.md). A pool of worker threads,
 * one connection each; the accept loop hands each new connection to an idle worker,
 * or answers 503 and closes it when every slot is busy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <pvkit/netstack.h>
#include <pvkit/pvkit.h>

#include "config.h"
#include "conn.h"
#include "files.h"

struct worker {
	struct pv_waitq wq;
	int fd;				/* the connection being served, -1 when idle */
	struct worker *next_idle;
	struct conn_buf buf;
};

static struct worker *idle;
static unsigned idle_ms = HTTPD_IDLE_MS;
static unsigned long served, refused;

static void worker_main(void *arg)
{
	struct worker *w = arg;

	for (;;) {
		while (w->fd < 0)
			pv_wait(&w->wq, 0);
		conn_serve(&w->buf, w->fd);
		served++;
		w->fd = -1;
		w->next_idle = idle;
		idle = w;
	}
}

/* Start up to want workers, keeping HTTPD_RESERVE bytes of heap for everything
 * else. Returns how many started. */
static unsigned start_workers(unsigned want)
{
	unsigned n = 0;

	for (; n < want; n++) {
		void *probe = malloc(HTTPD_RESERVE);
		struct worker *w;

		if (!probe)
			break;
		free(probe);
		if (!(w = calloc(1, sizeof(*w))))
			break;
		w->fd = -1;
		w->wq = (struct pv_waitq)PV_WAITQ_INIT;
		if (!pv_thread_create("http", worker_main, w, HTTPD_WORKER_STACK)) {
			free(w);
			break;
		}
		w->next_idle = idle;
		idle = w;
	}
	return n;
}

/* key=N from the bootargs within [min, max], else def (with a message). */
static unsigned arg_num(const char *key, unsigned def, unsigned min, unsigned max)
{
	char buf[16], *end;
	unsigned long v;

	if (!pv_bootarg(key, buf, sizeof(buf)))
		return def;
	v = strtoul(buf, &end, 10);
	if (end == buf || *end || v < min || v > max) {
		pv_err("httpd: %s=%s is not a number in %u..%u; using %u", key, buf, min, max, def);
		return def;
	}
	return (unsigned)v;
}

static int listen_on(unsigned port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_ANY) };
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) || listen(s, TCP_DEFAULT_LISTEN_BACKLOG)) {
		closesocket(s);
		return -1;
	}
	return s;
}

int main(void)
{
	unsigned port = arg_num("port", HTTPD_PORT, 1, 65535);
	unsigned conns = arg_num("conns", HTTPD_CONNS, 1, HTTPD_CONNS_MAX);
	unsigned cache_kib = arg_num("cache", (unsigned)(pv_sysinfo()->heap_bytes / 4 / 1024), 0,
				     1u << 22);
	int err, ls;

	idle_ms = arg_num("idle", HTTPD_IDLE_MS, 100, 3600000);
	err = pv_netstack_start(HTTPD_DHCP_WAIT_MS, NULL);
	if (err == -ENODEV || err == -EINVAL || err == -ENOMEM) {
		pv_err("httpd: no network (error %d): nothing to serve on", err);
		return 1;
	}
	if (files_init((size_t)cache_kib * 1024))
		return 1;
	if ((ls = listen_on(port)) < 0) {
		pv_err("httpd: cannot listen on port %u (errno %d)", port, errno);
		return 1;
	}
	unsigned started = start_workers(conns);

	if (!started) {
		pv_err("httpd: no memory for a single connection worker");
		return 1;
	}
	if (started < conns)
		pv_warn("httpd: memory for %u of %u connection slots", started, conns);
	pv_info("httpd: serving %s on port %u, %u connection slots", files_describe(), port,
		started);
	for (;;) {
		int fd = accept(ls, NULL, NULL);

		if (fd < 0) {
			pv_sleep_ms(10);	/* out of sockets: let closes catch up */
			continue;
		}
		conn_setup(fd, idle_ms);
		if (!idle) {
			conn_refuse(fd);
			refused++;
			continue;
		}
		struct worker *w = idle;

		idle = w->next_idle;
		w->fd = fd;
		pv_wake_one(&w->wq);
	}
}
