/*
 * Thread-local storage blocks (AArch64 "variant 1", local-exec model): TPIDR_EL0 points
 * at a 16-byte control block followed by a copy of .tdata and a zeroed .tbss. libc
 * keeps errno there, so each thread has its own.
 */
#ifndef RUNTIME_TLS_H
#define RUNTIME_TLS_H

/* A new, initialised block (malloc'ed), or NULL. */
void *tls_alloc(void);
void tls_free(void *tls);

#endif
