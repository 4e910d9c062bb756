/* lwIP compiler/platform glue for pvkit (lwIP's port contract: lwip/arch.h). */
#ifndef PVKIT_LWIP_ARCH_CC_H
#define PVKIT_LWIP_ARCH_CC_H

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/types.h>

/* libc has ssize_t; telling lwIP so keeps it from declaring its own. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

/* Both libcs define it in <machine/endian.h> (through <sys/types.h>). */
#ifndef BYTE_ORDER
#define BYTE_ORDER LITTLE_ENDIAN
#endif
#define LWIP_TIMEVAL_PRIVATE 0		/* struct timeval comes from libc */
#define LWIP_ERRNO_STDINCLUDE 1		/* errno and its codes come from libc */

void pvkit_lwip_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pvkit_lwip_assert(const char *msg, const char *file, int line)
	__attribute__((noreturn));
uint32_t pvkit_lwip_rand(void);

#define LWIP_PLATFORM_DIAG(x)	do { pvkit_lwip_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)	pvkit_lwip_assert((x), __FILE__, __LINE__)
#define LWIP_RAND()		pvkit_lwip_rand()

#endif
