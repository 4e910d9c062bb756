/*
 * The hyp owns the real UART. Every domain's output (vpl011 and Xen console_io) is
 * collected per line and written with a "(dN) " prefix; the hyp's own lines start
 * with "(hyp) ". Input goes to one domain at a time: Ctrl-] (0x1d) moves it to the
 * next running domain; Ctrl-C (0x03) is the hyp's, not a domain's: it asks every
 * domain to power off, and a second one ends them at once (docs/HYP.md).
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stddef.h>

#include "dt.h"

#define CONSOLE_ESCAPE	0x1d	/* Ctrl-] */
#define CONSOLE_SHUTDOWN	0x03	/* Ctrl-C */

struct domain;

int console_init(const struct dt *dt);
/* GIC INTID of the UART's receive interrupt, 0 if unknown. */
unsigned console_irq(void);
void console_write_raw(const char *s, size_t n);
void console_domain_write(struct domain *d, const char *buf, size_t n);
/* Write out what a domain left without a newline (it is ending). */
void console_domain_flush(struct domain *d);
/* The UART has input: route it (UART interrupt handler). */
void console_rx(void);
/* Next input character for d, or -1; call with d->lock held. */
int console_input_pop(struct domain *d);
int console_input_ready(const struct domain *d);
/* Make sure input goes to a running domain (after domains start or end). */
void console_focus_check(void);
/* Turn on the UART receive interrupt (the GIC side is enabled by the caller). */
void console_rx_enable(void);

#endif
