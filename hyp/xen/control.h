/*
 * Asking a guest to shut itself down, the Xen way: the toolstack writes "poweroff"
 * to /local/domain/<id>/control/shutdown, which the guest watches. Only a guest that
 * advertised control/feature-poweroff = "1" is known to listen (Linux's xenbus and
 * pvkit's drivers/xenbus/control.c write it).
 */
#ifndef XEN_CONTROL_H
#define XEN_CONTROL_H

struct domain;

/* Ask d to power off; 0 if it listens and was asked, -1 if it does not listen. */
int xen_control_poweroff(struct domain *d);

#endif
