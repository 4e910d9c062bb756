/* What the runtime needs from whichever libc glue is linked (runtime/libc/). */
#ifndef RUNTIME_LIBC_GLUE_H
#define RUNTIME_LIBC_GLUE_H

/* Ready stdio (stdout line-buffered onto the console). Called once the heap exists. */
void libc_init(void);
/* Push buffered stdout/stderr output to the console. */
void libc_flush(void);
/* Ends the VM after a boot failure, before discovery (exit.c). */
void exit_blind(int status) __attribute__((noreturn));

#endif
