/*
 * Secondary CPUs, minimally: the runtime's threads all run on CPU 0; pv_cpu_start()
 * runs one function on another CPU, on its own stack, with interrupts on, outside
 * the thread scheduler. It is what a test or a benchmark needs to exchange
 * inter-processor interrupts. GICv3 machines with a PSCI conduit only.
 *
 * The function MUST NOT create, wait for or wake threads, sleep, or use stdio; it MAY
 * use pv_ipi_send(), pv_cpu_self(), pv_counter() and plain memory (with the usual
 * care: volatile or atomics). When it returns, the CPU powers itself off (PSCI
 * CPU_OFF).
 */
#ifndef PVKIT_SMP_H
#define PVKIT_SMP_H

/* Start CPU `cpu` (1-3: the Aff0 of its MPIDR, as in the DT's cpu@N) running fn(arg).
 * Returns 0, or -1 (no PSCI, no GICv3, bad or busy CPU, PSCI refused: logged). */
int pv_cpu_start(unsigned cpu, void (*fn)(void *arg), void *arg);
/* The calling CPU's index (MPIDR Aff0). */
unsigned pv_cpu_self(void);
/* Inter-processor interrupts (SGI 1): fn runs on the CPU that receives one, in
 * interrupt context. One handler for all CPUs; returns 0 or -1 if already set. */
int pv_ipi_handler(void (*fn)(void *arg), void *arg);
void pv_ipi_send(unsigned cpu);

#endif
