#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

uint64_t cpu_midr(void);
const char *cpu_name(uint64_t midr);	/* "Cortex-A72"; "unknown" if not in the table */
unsigned cpu_current_el(void);

#endif
