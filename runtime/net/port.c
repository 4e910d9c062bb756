/* lwIP's platform hooks (arch/cc.h): diagnostics, assertions, random numbers. */
#include <stdarg.h>
#include <stdint.h>

#include <pvkit/exit.h>
#include <pvkit/log.h>
#include <pvkit/time.h>

#include <arch/cc.h>

void pvkit_lwip_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pv_vlog(PV_LOG_INFO, fmt, ap);
	va_end(ap);
}

/* A failed lwIP assertion means its state is inconsistent: carrying on would corrupt
 * connections silently, so the VM ends as after a crash. */
void pvkit_lwip_assert(const char *msg, const char *file, int line)
{
	pv_err("CRASH: lwIP assertion failed: %s (%s:%d)", msg, file, line);
	pv_exit(PV_EXIT_CRASH);
}

/* Ephemeral ports and DHCP transaction ids only need to differ between boots and
 * peers, not to be unpredictable: xorshift64* seeded from the counter at first use. */
uint32_t pvkit_lwip_rand(void)
{
	static uint64_t s;

	if (!s)
		s = pv_counter() | 1;
	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return (uint32_t)((s * 0x2545f4914f6cdd1dull) >> 32);
}
