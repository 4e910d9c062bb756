/*
 * netloop: the lwIP port without a network device. Checks sys_arch (semaphores,
 * mailboxes, mutexes, timeouts) through lwIP's own sys API, then sockets over the
 * loopback interface: echo with many concurrent connections, a bulk transfer, select()
 * on more sockets than libc's default FD_SETSIZE, receive timeouts. One line
 * "check: <name>: ok|FAIL <detail>" each; exit status = failures.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <lwip/sys.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <pvkit/netstack.h>
#include <pvkit/pvkit.h>

#define ECHO_PORT	7
#define BULK_PORT	9
#define CLIENTS		20
#define BULK_BYTES	(2 * 1024 * 1024)
#define MANY_SOCKETS	(PVKIT_NET_SOCKETS - 8)

static int failures;

static void check(const char *name, int cond, const char *detail)
{
	printf("check: %s: %s%s\n", name, cond ? "ok" : "FAIL ", cond ? "" : detail);
	failures += !cond;
}

/* --- sys_arch ------------------------------------------------------------------- */

static sys_sem_t sem;
static sys_mbox_t mbox;
static sys_mutex_t mutex;
static int in_critical, overlap;

static void sem_poster(void *arg)
{
	pv_sleep_ms(5);
	sys_sem_signal(&sem);
}

static void mbox_writer(void *arg)
{
	for (long i = 1; i <= 100; i++)
		sys_mbox_post(&mbox, (void *)i);	/* blocks while the 4 slots are full */
}

static void mutex_user(void *arg)
{
	for (int i = 0; i < 50; i++) {
		sys_mutex_lock(&mutex);
		if (in_critical)
			overlap = 1;
		in_critical = 1;
		pv_yield();			/* another thread tries meanwhile */
		in_critical = 0;
		sys_mutex_unlock(&mutex);
		pv_yield();
	}
}

static void check_sys_arch(void)
{
	uint64_t t0;
	u32_t r;

	sys_sem_new(&sem, 0);
	t0 = pv_now_ns();
	r = sys_arch_sem_wait(&sem, 20);
	check("sem-timeout", r == SYS_ARCH_TIMEOUT && pv_now_ns() - t0 >= 20000000,
	      "timed wait on an empty semaphore did not time out after 20 ms");
	sys_thread_new("poster", sem_poster, NULL, 0, 1);
	r = sys_arch_sem_wait(&sem, 0);
	check("sem-signal", r != SYS_ARCH_TIMEOUT, "wait for a signal returned a timeout");
	sys_sem_free(&sem);

	sys_mbox_new(&mbox, 4);
	sys_thread_new("writer", mbox_writer, NULL, 0, 1);
	int in_order = 1;

	for (long i = 1; i <= 100; i++) {
		void *m = NULL;

		if (sys_arch_mbox_fetch(&mbox, &m, 1000) == SYS_ARCH_TIMEOUT || m != (void *)i)
			in_order = 0;
	}
	void *m;

	check("mbox-order", in_order, "100 messages through a 4-slot mailbox came out of order");
	check("mbox-empty", sys_arch_mbox_tryfetch(&mbox, &m) == SYS_MBOX_EMPTY,
	      "tryfetch on an empty mailbox returned a message");
	check("mbox-timeout", sys_arch_mbox_fetch(&mbox, &m, 10) == SYS_ARCH_TIMEOUT,
	      "fetch on an empty mailbox did not time out");
	for (int i = 0; i < 4; i++)
		sys_mbox_trypost(&mbox, NULL);
	check("mbox-full", sys_mbox_trypost(&mbox, NULL) == ERR_MEM,
	      "trypost into a full mailbox did not fail with ERR_MEM");
	while (sys_arch_mbox_tryfetch(&mbox, &m) != SYS_MBOX_EMPTY)
		;
	sys_mbox_free(&mbox);

	sys_mutex_new(&mutex);
	sys_thread_new("mutex1", mutex_user, NULL, 0, 1);
	sys_thread_new("mutex2", mutex_user, NULL, 0, 1);
	pv_sleep_ms(50);
	check("mutex-exclusion", !overlap, "two threads were inside the mutex at once");
}

/* --- sockets over loopback -------------------------------------------------------- */

static int listener(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) || listen(s, 32)) {
		printf("listener on port %d: errno %d\n", port, errno);
		return -1;
	}
	return s;
}

static int dial(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return -1;
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa))) {
		closesocket(s);
		return -1;
	}
	return s;
}

static void echo_conn(void *arg)
{
	int s = (int)(long)arg;
	char buf[512];
	ssize_t n;

	while ((n = recv(s, buf, sizeof(buf), 0)) > 0)
		if (send(s, buf, (size_t)n, 0) != n)
			break;
	closesocket(s);
}

static void echo_server(void *arg)
{
	int ls = (int)(long)arg, s;

	while ((s = accept(ls, NULL, NULL)) >= 0)
		pv_thread_create("echo", echo_conn, (void *)(long)s, 0);
}

static int clients_ok, clients_done;
static struct pv_waitq clients_wq = PV_WAITQ_INIT;

static void echo_client(void *arg)
{
	long id = (long)arg;
	char out[100], in[100];
	int s = dial(ECHO_PORT), ok = s >= 0;

	for (int round = 0; ok && round < 10; round++) {
		int len = snprintf(out, sizeof(out), "client %ld round %d", id, round), got = 0;

		ok = send(s, out, (size_t)len, 0) == len;
		while (ok && got < len) {
			ssize_t n = recv(s, in + got, (size_t)(len - got), 0);

			ok = n > 0;
			got += ok ? (int)n : 0;
		}
		ok = ok && !memcmp(in, out, (size_t)len);
	}
	if (s >= 0)
		closesocket(s);
	clients_ok += ok;
	clients_done++;
	pv_wake_all(&clients_wq);
}

static uint32_t bulk_sum;
static long bulk_got;

static void bulk_sink(void *arg)
{
	int ls = (int)(long)arg, s = accept(ls, NULL, NULL);
	static unsigned char buf[8192];
	ssize_t n;

	while (s >= 0 && (n = recv(s, buf, sizeof(buf), 0)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			bulk_sum = bulk_sum * 31 + buf[i];
		bulk_got += n;
	}
	if (s >= 0)
		closesocket(s);
	pv_wake_all(&clients_wq);
}

static void check_bulk(void)
{
	static unsigned char buf[8192];
	uint32_t sum = 0;
	int ls = listener(BULK_PORT), s;
	long sent = 0;

	pv_thread_create("sink", bulk_sink, (void *)(long)ls, 0);
	s = dial(BULK_PORT);
	while (s >= 0 && sent < BULK_BYTES) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			buf[i] = (unsigned char)((sent + (long)i) * 7 >> 3);
			sum = sum * 31 + buf[i];
		}
		if (send(s, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf))
			break;
		sent += sizeof(buf);
	}
	if (s >= 0)
		closesocket(s);
	uint64_t deadline = pv_now_ns() + 10000000000ull;

	while (bulk_got < sent && pv_now_ns() < deadline)
		pv_wait(&clients_wq, deadline);
	check("bulk", sent == BULK_BYTES && bulk_got == sent && bulk_sum == sum,
	      "2 MiB through loopback did not arrive intact");
	closesocket(ls);
}

/* More sockets than libc's default FD_SETSIZE (64): select() must see the last. */
static void check_select(void)
{
	static int socks[MANY_SOCKETS];
	int n = 0, top = -1;

	while (n < MANY_SOCKETS && (socks[n] = socket(AF_INET, SOCK_STREAM, 0)) >= 0)
		top = socks[n++];
	int ls = listener(ECHO_PORT + 100), c = dial(ECHO_PORT + 100);
	int a = ls >= 0 ? accept(ls, NULL, NULL) : -1;

	char msg[80];

	snprintf(msg, sizeof(msg), "opened %d sockets (highest fd %d), accepted fd %d", n, top, a);
	check("many-sockets", n == MANY_SOCKETS && a > 64, msg);
	if (a >= 0 && c >= 0) {
		fd_set rd;
		struct timeval tv = { 1, 0 };

		send(c, "x", 1, 0);
		FD_ZERO(&rd);
		FD_SET(a, &rd);
		int r = select(a + 1, &rd, NULL, NULL, &tv);

		snprintf(msg, sizeof(msg), "select on fd %d returned %d, errno %d", a, r, errno);
		check("select-high-fd", r == 1 && FD_ISSET(a, &rd), msg);

		struct timeval to = { 0, 30000 };
		char b[4];

		setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &to, sizeof(to));
		uint64_t t0 = pv_now_ns();
		ssize_t got = recv(c, b, sizeof(b), 0);

		snprintf(msg, sizeof(msg), "recv returned %ld errno %d", (long)got, errno);
		check("rcvtimeo", got < 0 && errno == EWOULDBLOCK &&
		      pv_now_ns() - t0 >= 30000000, msg);
	}
	for (int i = 0; i < n; i++)
		closesocket(socks[i]);
	closesocket(a);
	closesocket(c);
	closesocket(ls);
}

int main(void)
{
	int err = pv_netstack_start(1000, NULL);

	check("start-no-device", err == -ENODEV, "pv_netstack_start did not report -ENODEV");
	check_sys_arch();

	int ls = listener(ECHO_PORT);

	pv_thread_create("echo-server", echo_server, (void *)(long)ls, 0);
	for (long i = 0; i < CLIENTS; i++)
		pv_thread_create("client", echo_client, (void *)i, 0);
	uint64_t deadline = pv_now_ns() + 10000000000ull;

	while (clients_done < CLIENTS && pv_now_ns() < deadline)
		pv_wait(&clients_wq, deadline);
	check("echo-concurrent", clients_ok == CLIENTS, "not every echo client got its data back");
	check_bulk();
	check_select();
	printf("netloop: %d failures\n", failures);
	return failures;
}
