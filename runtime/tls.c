#include "tls.h"

#include <stdint.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

extern char __tdata_start[], __tdata_end[], __tbss_start[], __tbss_end[];

/* image.ld asserts that no TLS variable needs more alignment than this. */
#define TLS_ALIGN	16

void *tls_alloc(void)
{
	size_t align = TLS_ALIGN;
	size_t tcb = 16;
	size_t tdata = __tdata_end - __tdata_start;
	size_t total = __tbss_end - __tdata_start;	/* .tbss follows .tdata */
	char *block = memalign(align, (tcb + total + align - 1) & ~(align - 1));

	if (!block)
		return NULL;
	memset(block, 0, tcb + total);
	memcpy(block + tcb, __tdata_start, tdata);
	return block;
}

void tls_free(void *tls)
{
	free(tls);
}
