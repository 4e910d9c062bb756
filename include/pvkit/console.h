/*
 * The console: the runtime's stdout/stderr/stdin. Which device backs it (pl011 named by
 * /chosen/stdout-path, a Xen console ring or hypercall, virtio-console) is decided at
 * boot; applications only read and write.
 */
#ifndef PVKIT_CONSOLE_H
#define PVKIT_CONSOLE_H

#include <stddef.h>

/* Write len bytes. MUST NOT fail once the runtime is up: output is buffered until a
 * console device exists and then delivered in order. Returns len. */
size_t pv_console_write(const char *buf, size_t len);

/* Deliver everything buffered so far to the device before returning. */
void pv_console_flush(void);

/* Next input byte, waiting (and letting other threads run) until one arrives. Returns
 * -1 if the console has no input side. */
int pv_console_getc(void);

/* A console device, for drivers. write MUST accept all len bytes (it may wait);
 * getc returns -1 when no byte is pending. */
struct pv_console {
	const char *name;
	void (*write)(struct pv_console *con, const char *buf, size_t len);
	int (*getc)(struct pv_console *con);
	struct pv_console *next;
};

/* Make con the console: pending output goes to it first. The last one registered wins
 * output; input is read from the last registered device with a getc. */
void pv_console_register(struct pv_console *con);

/* Call from an interrupt handler when input has arrived: wakes pv_console_getc(). */
void pv_console_input_ready(void);

#endif
