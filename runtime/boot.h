/* Boot-time plumbing between the runtime's pieces; not part of the application API. */
#ifndef RUNTIME_BOOT_H
#define RUNTIME_BOOT_H

#include <stdint.h>

/* Symbols from image.ld, at their run-time (relocated) addresses. */
extern char _text[], _etext[], _erodata[], _edata[], _end[];
extern char __bss_start[], __bss_end[];

/* Why the DT could not be used, set by pv_boot_early() (MMU off) for pv_boot(). */
enum dt_status { DT_OK, DT_NONE, DT_MISALIGNED, DT_BAD_MAGIC, DT_TOO_BIG };

void pv_boot_early(uint64_t dtb, unsigned entry_el, uint64_t base);
void pv_boot(uint64_t dtb, unsigned entry_el, enum dt_status st) __attribute__((noreturn));

/* Report a boot failure on whatever console exists (or QEMU virt's UART as a last
 * resort, docs/BOOT.md), then power off. */
void pv_boot_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* The boot DT's index (lib/dt.h), for drivers and the runtime. */
struct dt;
const struct dt *pv_boot_dt(void);

/* Application entry point, from the app; argv[0] is the image name. */
int main(int argc, char **argv);

#endif
