/*
 * The PV console backend: a domain with pvkit,console = "xen" gets a xencons ring
 * (include/xen/io/console.h) on its console magic page, and an event channel to the
 * hyp (HVM_PARAM_CONSOLE_PFN / _EVTCHN). What the guest writes goes to the console
 * multiplexer as "(dN) " lines; input for the domain goes into the ring.
 */
#ifndef XEN_CONSOLE_BACK_H
#define XEN_CONSOLE_BACK_H

struct domain;

/* Boot: room for domain ids 1..max_domid. 0 or -1. */
int console_back_init(unsigned max_domid);
int console_back_create(struct domain *d);
void console_back_destroy(struct domain *d);
/* Input arrived for d (core/console.c, with no lock held). */
void console_back_input(struct domain *d);

#endif
