/* The raw conduit instructions (conduit.S); each returns an error instead of faulting
 * where the instruction is undefined. */
#ifndef ARCH_CONDUIT_H
#define ARCH_CONDUIT_H

#include <stdint.h>

long arch_xen_hypercall(unsigned long nr, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3, unsigned long a4);
void arch_smccc_hvc(const uint64_t in[8], uint64_t out[4]);
void arch_smccc_smc(const uint64_t in[8], uint64_t out[4]);
long arch_semihost(unsigned long op, unsigned long param);

#endif
