/* stdout's line buffer, shared by both libc glues: console writes happen per line
 * rather than per character (which matters when each write is a hypercall). */
#ifndef RUNTIME_LIBC_LINEBUF_H
#define RUNTIME_LIBC_LINEBUF_H

void linebuf_putc(char c);
void linebuf_flush(void);

#endif
