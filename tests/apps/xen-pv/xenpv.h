/*
 * xen-pv: two domains exercising the Xen PV services end to end through the xenbus
 * core, on the PV console (pvkit,console = "xen"). "role=alpha" publishes an event
 * channel and a granted page in xenstore for its peer; "role=beta" finds them, ping-
 * pongs events and copies to and from the page with GNTTABOP_copy. Each prints one
 * "xenpv: <check>: <result>" line per check and exits 0 only if all passed.
 */
#ifndef XENPV_H
#define XENPV_H

#include <stdint.h>

#include "xenbus.h"

#define ROUNDS		50		/* interdomain ping-pongs */
#define IPIS		100		/* events to itself */
#define SHARED		"data/shared"	/* what alpha lets beta read */
#define WAIT_NS		20000000000ULL

extern int failures;

/* Print "xenpv: what: detail" and count a failure if !good. */
void check(int good, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The pattern a page holds: byte i of page `who` (a letter). */
static inline uint8_t pattern(char who, unsigned i)
{
	return (uint8_t)(who + i * 7);
}

int self_ipi(void);
int xenstore_basics(void);
int run_alpha(unsigned peer);
int run_beta(unsigned peer);
/* Read a line typed on the console (the hyp's UART, through the xencons ring). */
void console_input(void);

#endif
