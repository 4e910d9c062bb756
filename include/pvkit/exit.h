/*
 * Ending the VM. The application's exit status reaches the host two ways, so a test can
 * always tell success from failure:
 *   1. the console's last line is exactly "pvkit: exit status N" (N in 0..255);
 *   2. on bare QEMU started with -semihosting, QEMU itself exits with status N.
 * Then the machine powers off: PSCI SYSTEM_OFF, or a Xen shutdown (poweroff when N is
 * 0, crash otherwise) when the hypervisor is Xen-compatible.
 * Returning from main() is pv_exit(main's return value).
 */
#ifndef PVKIT_EXIT_H
#define PVKIT_EXIT_H

/* Status reported when the runtime ends the VM itself after a crash report. */
#define PV_EXIT_CRASH	255

/* Flush the console, report status, power off. Never returns. */
void pv_exit(int status) __attribute__((noreturn));

/* PSCI SYSTEM_RESET (Xen: reboot). Never returns; if the platform cannot reset, it
 * ends as pv_exit(PV_EXIT_CRASH) would. */
void pv_reboot(void) __attribute__((noreturn));

#endif
