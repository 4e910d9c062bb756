/* Checks both roles run: events to itself, the xenstore operations on its own tree. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/pvkit.h>

#include "xenpv.h"

int failures;

void check(int good, const char *what, const char *fmt, ...)
{
	char detail[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("xenpv: %s: %s%s\n", what, detail, good ? "" : " (FAILED)");
	failures += !good;
}

static volatile unsigned ipis;

static void on_ipi(unsigned port, void *arg)
{
	ipis++;
}

/* bind_ipi to vCPU 0, then send to ourselves: each send is one upcall. */
int self_ipi(void)
{
	unsigned port, sent = 0;
	int err = evtchn_bind_ipi(0, &port);

	if (!err)
		err = evtchn_bind(port, on_ipi, NULL);
	for (unsigned i = 0; !err && i < IPIS; i++) {
		uint64_t until = pv_now_ns() + 1000000000ULL;

		if (evtchn_notify(port))
			break;
		sent++;
		while (ipis != sent && pv_now_ns() < until)
			;
	}
	check(!err && ipis == IPIS, "ipi", "%u of %u events to itself", ipis, IPIS);
	evtchn_close(port);
	return 0;
}

int xenstore_basics(void)
{
	char buf[256];
	unsigned tx;
	int n, id = xenbus_domid();

	check(id > 0, "domid", "%d", id);
	n = xenbus_write(0, "data/greeting", "hello") ?: xenbus_read(0, "data/greeting", buf,
								sizeof(buf));
	check(n == 5 && !strcmp(buf, "hello"), "write/read", "%s", n == 5 ? buf : "error");
	n = xenbus_mkdir(0, "data/dir") ?: xenbus_write(0, "data/dir/b", "2") ?:
	    xenbus_write(0, "data/dir/a", "1") ?: xenbus_directory(0, "data/dir", buf, sizeof(buf));
	check(n == 4 && !memcmp(buf, "a\0b\0", 4), "directory", "%d bytes: %s %s", n, buf,
	      buf + 2);
	n = xenbus_get_perms(0, "data/dir", buf, sizeof(buf));
	check(n > 0 && buf[0] == 'n' && atoi(buf + 1) == id, "perms", "owner %s", buf);
	n = xenbus_read(0, "data/none", buf, sizeof(buf));
	check(n == -ENOENT, "missing node", "%s", n == -ENOENT ? "ENOENT" : "unexpected");

	/* A transaction: invisible until committed; an aborted one never shows. */
	n = xenbus_transaction_start(&tx) ?: xenbus_write(tx, "data/txn", "committed");
	int outside = xenbus_read(0, "data/txn", buf, sizeof(buf));

	n = n ?: xenbus_transaction_end(tx, 0) ?: xenbus_read(0, "data/txn", buf, sizeof(buf));
	check(outside == -ENOENT && n == 9, "transaction", "invisible outside, then %s",
	      n > 0 ? buf : "error");
	n = xenbus_transaction_start(&tx) ?: xenbus_write(tx, "data/txn", "aborted") ?:
	    xenbus_transaction_end(tx, 1) ?: xenbus_read(0, "data/txn", buf, sizeof(buf));
	check(n == 9 && !strcmp(buf, "committed"), "abort", "value stays %s",
	      n > 0 ? buf : "error");
	return 0;
}

void console_input(void)
{
	char line[32];
	unsigned n = 0;
	int c;

	printf("xenpv: input: type a line\n");
	fflush(stdout);
	while ((c = pv_console_getc()) >= 0 && c != '\r' && c != '\n')
		if (n < sizeof(line) - 1)
			line[n++] = (char)c;
	line[n] = '\0';
	check(n > 0, "input", "got '%s'", line);
}
