#ifndef RUNTIME_CONSOLE_XEN_H
#define RUNTIME_CONSOLE_XEN_H

/* With a Xen-compatible hypervisor (after discovery), make the console_io hypercall the
 * console. Returns 0, or -1 without Xen. For guests the DT gives no UART (Xen's dom0). */
int console_xen_init(void);

#endif
