#ifndef RUNTIME_CONSOLE_UART_H
#define RUNTIME_CONSOLE_UART_H

#include <stdint.h>

/* Register the stdout-path UART as the console. Returns 0, or -1 if there is none. */
struct dt;
int console_uart_init(const struct dt *dt);
/* A UART at a known address when the DT cannot be trusted (docs/BOOT.md). */
int console_uart_fallback(uint64_t base);
/* Once interrupts work: receive interrupts instead of polling. */
void console_uart_irq_init(const struct dt *dt);

/* QEMU virt's UART: the last resort for reporting a missing or broken DT. */
#define FALLBACK_UART_BASE	0x09000000UL

#endif
