/*
 * Lazy FP/SIMD switching: a vCPU's FP registers stay in the hardware until another
 * vCPU on the same pCPU touches FP (CPTR_EL2.TFP traps that first use). Most traps
 * and switches then move none of the 528 bytes. The hyp itself never uses FP except
 * in libfdt, which runs only after fp_release_for_hyp().
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/sysreg.h>
#include "pcpu.h"
#include "vcpu.h"

void fpsimd_save(void *area);
void fpsimd_load(const void *area);
struct vcpu *trap_fp(struct vcpu *v, uint64_t esr);
void fp_release_for_hyp(void);
void fp_hyp_done(void);

static void save_owner(struct pcpu *p)
{
	struct vcpu *o = p->fp_owner;

	if (o && !o->dead)
		fpsimd_save(&o->arch.fp);
	p->fp_owner = NULL;
}

struct vcpu *trap_fp(struct vcpu *v, uint64_t esr)
{
	struct pcpu *p = this_pcpu();

	write_sysreg(cptr_el2, CPTR_RES1 | CPTR_TZ | CPTR_TTA);
	isb();
	save_owner(p);
	fpsimd_load(&v->arch.fp);
	p->fp_owner = v;
	return v;		/* the FP instruction runs again, now untrapped */
}

/* Before the hyp runs code that may use FP registers (libfdt): park the owner's. */
void fp_release_for_hyp(void)
{
	write_sysreg(cptr_el2, CPTR_RES1 | CPTR_TZ | CPTR_TTA);
	isb();
	save_owner(this_pcpu());
}

void arch_fp_forget(struct vcpu *v)
{
	struct vcpu *want = v;

	__atomic_compare_exchange_n(&pcpus[v->pcpu].fp_owner, &want, NULL, 0,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* The hyp is done with FP: the next guest use traps and reloads its own state. */
void fp_hyp_done(void)
{
	write_sysreg(cptr_el2, CPTR_RES1 | CPTR_TZ | CPTR_TTA | CPTR_TFP);
	isb();
}
