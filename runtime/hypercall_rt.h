/* Runtime-internal side of the hypercall layer. */
#ifndef RUNTIME_HYPERCALL_RT_H
#define RUNTIME_HYPERCALL_RT_H

/* Discover the hypervisor and choose the conduits (once, at boot). */
struct dt;
void hypercall_init(const struct dt *dt);
/* PSCI SYSTEM_OFF through every conduit, for failures before discovery. */
void hypercall_poweroff_blind(void);

#endif
