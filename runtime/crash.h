/* Crash reports: what the runtime prints before ending the VM on a fatal exception. */
#ifndef RUNTIME_CRASH_H
#define RUNTIME_CRASH_H

#include <stdint.h>

struct pv_regs;

/* Print a report for the exception in *r (class, fault, registers, backtrace) and end
 * the VM with PV_EXIT_CRASH. `what` overrides the decoded exception class if set. */
void crash_report(const struct pv_regs *r, const char *what) __attribute__((noreturn));

/* " <function+0x1c>" for a code address in the image, "" elsewhere. */
const char *crash_symbol(uint64_t pc, char *buf, int len);

#endif
