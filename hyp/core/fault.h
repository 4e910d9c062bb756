/*
 * Containment: a guest that faults outside its memory, touches a register it may
 * not, or sends something the hyp cannot take is stopped, never the hyp or another
 * guest. The report names the domain, vCPU, PC and faulting address; the domain's
 * crash policy (pvkit,on-crash) then destroys or restarts it.
 */
#ifndef CORE_FAULT_H
#define CORE_FAULT_H

#include <stdint.h>

struct vcpu;

/* Report, crash the domain; returns what runs next on this pCPU (not v). */
struct vcpu *guest_fault(struct vcpu *v, uint64_t esr, uint64_t far, uint64_t ipa,
			 const char *what);

#endif
