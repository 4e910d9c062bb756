/*
 * Symbol lookup for crash-report backtraces. The table is generated for each image by
 * scripts/mksyms from a first link and linked into the second (see mk/pvkit.mk):
 * function start offsets from the image base, sorted, with their names.
 */
#ifndef LIB_SYMTAB_H
#define LIB_SYMTAB_H

#include <stdint.h>

/* Name of the function containing image offset `off`, and off's distance from its
 * start; NULL if the table is empty or off precedes every symbol. */
const char *symtab_lookup(uint64_t off, uint64_t *delta);

#endif
