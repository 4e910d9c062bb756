#include "fault.h"

#include "domain.h"
#include "log.h"
#include "sched.h"

struct vcpu *guest_fault(struct vcpu *v, uint64_t esr, uint64_t far, uint64_t ipa,
			 const char *what)
{
	struct domain *d = v->dom;

	log_msg("d%u (%s): vCPU %u stopped: %s", d->id, d->cfg->name, v->id, what);
	log_msg("d%u (%s):   pc %#lx ipa %#lx far %#lx esr %#lx", d->id, d->cfg->name,
		v->regs.elr, ipa, far, esr);
	domain_shutdown(d, SHUTDOWN_CRASH);
	return NULL;
}
