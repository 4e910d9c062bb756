/*
 * ticker: a domain that keeps running (the hyp demo, `make run HYP=1`): a line every
 * five seconds from one thread, and every line you type echoed back by another, to
 * show where console input goes. "quit" ends it; so does a shutdown request from the
 * hypervisor (Ctrl-C on the pvkit hyp: drivers/xenbus/control.c).
 */
#include <stdio.h>
#include <string.h>

#include <pvkit/pvkit.h>

static void ticks(void *arg)
{
	for (unsigned n = 0;; n++) {
		printf("ticker: tick %u\n", n);
		pv_sleep_ms(5000);
	}
}

int main(void)
{
	char line[80];
	size_t n = 0;

	printf("ticker: type a line and press Enter (\"quit\" ends me)\n");
	pv_thread_create("ticks", ticks, NULL, 0);
	for (;;) {
		int c = pv_console_getc();

		if (c < 0)
			return 1;
		if (c != '\r' && c != '\n') {
			if (n < sizeof(line) - 1)
				line[n++] = (char)c;
			continue;
		}
		line[n] = '\0';
		n = 0;
		if (!strcmp(line, "quit"))
			return 0;
		printf("ticker: you typed \"%s\"\n", line);
	}
}
