/* Just what libfdt's header needs (libfdt_env.h includes <stdlib.h>). */
#ifndef HYP_STDLIB_H
#define HYP_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);

#endif
