/*
 * vcon: the console on virtio-console (tests/boot/virtio-console.t). With a
 * virtconsole attached the runtime writes there, so everything below goes to it.
 *
 * Output: "vcon: line N <N * 2654435761 mod 2^32 in hex>" for N in 0..vcon.lines-1
 * (default 1000: several pages, more than one transmit buffer).
 * Input: bytes up to a line "end", read with pv_console_getc; reported as
 * "vcon: input B bytes, L lines, fnv1a 0xH" (32-bit FNV-1a over those bytes), then the
 * first line read as "vcon: first line: ...".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/pvkit.h>

int main(void)
{
	char v[16], first[128] = "", line[128];
	unsigned long lines = 1000, bytes = 0, nlines = 0, len = 0;
	uint32_t h = 2166136261u;

	if (pv_bootarg("vcon.lines", v, sizeof(v)))
		lines = strtoul(v, NULL, 0);
	for (unsigned long n = 0; n < lines; n++)
		printf("vcon: line %lu %08lx\n", n, (unsigned long)(uint32_t)(n * 2654435761u));
	fflush(stdout);

	for (;;) {
		int c = pv_console_getc();

		if (c < 0) {
			printf("vcon: the console has no input\n");
			return 1;
		}
		if (c != '\n') {
			if (len < sizeof(line) - 1)
				line[len++] = (char)c;
			continue;
		}
		line[len] = 0;
		if (!strcmp(line, "end"))
			break;
		if (!nlines)
			strcpy(first, line);
		/* The line with its newline, as the host sent it. */
		for (unsigned long i = 0; i <= len; i++) {
			h ^= (uint8_t)(i < len ? line[i] : '\n');
			h *= 16777619u;
		}
		bytes += len + 1;
		nlines++;
		len = 0;
	}
	printf("vcon: input %lu bytes, %lu lines, fnv1a 0x%08lx\n", bytes, nlines,
	       (unsigned long)h);
	printf("vcon: first line: %s\n", first);
	return 0;
}
