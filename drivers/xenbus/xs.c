/* xenstore operations over the transport, with Linux's xenbus names. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <xen/io/xs_wire.h>

#include "fmt.h"
#include "xs_ring.h"

static uint32_t slen(const char *s)
{
	return (uint32_t)strlen(s) + 1;
}

/* A request whose payload is one string; the reply copied into buf (with a NUL). */
static int one(uint32_t type, unsigned tx, const char *path, char *buf, size_t size)
{
	char *r;
	uint32_t len;
	int err = xs_request(type, tx, path, slen(path), NULL, 0, &r, &len);

	if (err)
		return err;
	if (!buf)
		return 0;
	if (len >= size)
		return -E2BIG;
	memcpy(buf, r, len);
	buf[len] = '\0';
	return (int)len;
}

int xenbus_read(unsigned tx, const char *path, char *buf, size_t size)
{
	return one(XS_READ, tx, path, buf, size);
}

int xenbus_directory(unsigned tx, const char *path, char *buf, size_t size)
{
	return one(XS_DIRECTORY, tx, path, buf, size);
}

int xenbus_get_perms(unsigned tx, const char *path, char *buf, size_t size)
{
	return one(XS_GET_PERMS, tx, path, buf, size);
}

int xenbus_mkdir(unsigned tx, const char *path)
{
	return one(XS_MKDIR, tx, path, NULL, 0);
}

int xenbus_rm(unsigned tx, const char *path)
{
	return one(XS_RM, tx, path, NULL, 0);
}

int xenbus_write(unsigned tx, const char *path, const char *value)
{
	char *r;
	uint32_t len;

	return xs_request(XS_WRITE, tx, path, slen(path), value, (uint32_t)strlen(value), &r,
			  &len);
}

int xenbus_printf(unsigned tx, const char *path, const char *fmt, ...)
{
	char value[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(value))
		return -E2BIG;
	return xenbus_write(tx, path, value);
}

int xenbus_set_perms(unsigned tx, const char *path, const char *perms)
{
	char list[128];
	size_t n = strlen(perms);
	char *r;
	uint32_t len;

	if (n + 1 > sizeof(list))
		return -E2BIG;
	/* "n1 r2" -> "n1\0r2\0" */
	for (size_t i = 0; i <= n; i++)
		list[i] = perms[i] == ' ' ? '\0' : perms[i];
	return xs_request(XS_SET_PERMS, tx, path, slen(path), list, (uint32_t)n + 1, &r, &len);
}

int xenbus_transaction_start(unsigned *tx)
{
	char *r;
	uint32_t len;
	unsigned long id = 0;
	int err = xs_request(XS_TRANSACTION_START, 0, "", 1, NULL, 0, &r, &len);

	if (err)
		return err;
	for (; *r >= '0' && *r <= '9'; r++)
		id = id * 10 + (unsigned long)(*r - '0');
	if (!id || *r)
		return -EIO;
	*tx = (unsigned)id;
	return 0;
}

int xenbus_transaction_end(unsigned tx, int abort)
{
	char *r;
	uint32_t len;

	return xs_request(XS_TRANSACTION_END, tx, abort ? "F" : "T", 2, NULL, 0, &r, &len);
}

int xenbus_domid(void)
{
	char buf[8];
	int n = xenbus_read(0, "domid", buf, sizeof(buf)), id = 0;

	if (n <= 0)
		return n < 0 ? n : -EIO;
	for (int i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -EIO;
		id = id * 10 + buf[i] - '0';
	}
	return id;
}

static int watch_request(uint32_t type, struct xenbus_watch *w)
{
	char token[4], *r;
	uint32_t len;

	fmt_snprintf(token, sizeof(token), "w%02u", w->slot);
	return xs_request(type, 0, w->path, slen(w->path), token, 4, &r, &len);
}

int xenbus_watch_add(struct xenbus_watch *w)
{
	int err = xs_watch_slot(w, 1);

	if (err)
		return err;
	w->fired = 0;
	if ((err = watch_request(XS_WATCH, w)))
		xs_watch_slot(w, 0);
	return err;
}

int xenbus_watch_remove(struct xenbus_watch *w)
{
	int err = watch_request(XS_UNWATCH, w);

	xs_watch_slot(w, 0);
	return err;
}
