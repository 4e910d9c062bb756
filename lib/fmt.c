#include "fmt.h"

#include <stdint.h>

struct out {
	char *buf;
	size_t n, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int count)
{
	while (count-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, int width, int prec, int left)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (prec < 0 || len < prec))
		len++;
	if (!left)
		pad(o, ' ', width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (left)
		pad(o, ' ', width - len);
}

/* prefix: "-" or "0x" or "" */
static void put_num(struct out *o, uint64_t v, const char *prefix, unsigned base, int upper,
		    int width, char padc, int left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int len = 0, plen = 0;

	do {
		tmp[len++] = digits[v % base];
		v /= base;
	} while (v);
	while (prefix[plen])
		plen++;
	width -= len + plen;
	if (padc == '0')		/* zeros go between the prefix and the digits */
		for (int i = 0; i < plen; i++)
			put(o, prefix[i]);
	if (!left)
		pad(o, padc, width);
	if (padc != '0')
		for (int i = 0; i < plen; i++)
			put(o, prefix[i]);
	while (len)
		put(o, tmp[--len]);
	if (left)
		pad(o, ' ', width);
}

int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct out o = { buf, n, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		int left = 0, width = 0, prec = -1, lng = 0, alt = 0;
		char padc = ' ';

		for (fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '#')
				alt = 1;
			else
				padc = '0';
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			prec = 0;
			if (*++fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z' || *fmt == 'j' || *fmt == 't')
				lng++;
			else if (*fmt != 'h')
				break;
		}
		if (left)
			padc = ' ';
		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			put_str(&o, va_arg(ap, const char *), width, prec, left);
			break;
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);

			put_num(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0 ? "-" : "", 10, 0,
				width, padc, left);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);

			put_num(&o, v, alt && v && *fmt != 'u' ? (*fmt == 'X' ? "0X" : "0x") : "",
				*fmt == 'u' ? 10 : 16, *fmt == 'X', width, padc, left);
			break;
		}
		case 'p':
			put_num(&o, (uintptr_t)va_arg(ap, void *), "0x", 16, 0, width, padc, left);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (n)
		buf[o.len < n ? o.len : n - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fmt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}
