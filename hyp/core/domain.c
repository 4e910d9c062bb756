#include "domain.h"

#include <string.h>

#include <arch/cpu.h>
#include <arch/mmu.h>
#include <arch/stage2.h>
#include <arch/traps.h>
#include <arch/vgic.h>
#include "console.h"
#include "guest_dt.h"
#include "image.h"
#include "log.h"
#include "mem.h"
#include "pcpu.h"
#include "sched.h"

/* By id - 1; NULL until the domain is first created. */
static struct domain **table;
/* domain_get references, apart from struct domain, which a restart clears. */
static int *refs;
static unsigned ndomains;
static int live;		/* domains that have not ended for good */
static int crashed;		/* of those that ended, how many by crashing */

static const char *const reason_text[] = {
	[SHUTDOWN_POWEROFF] = "powered off", [SHUTDOWN_REBOOT] = "rebooted",
	[SHUTDOWN_SUSPEND] = "suspended", [SHUTDOWN_CRASH] = "crashed",
	[SHUTDOWN_WATCHDOG] = "stopped by its watchdog",
};

int domains_init(unsigned n)
{
	if (!n)
		return 0;
	table = mem_zalloc(n * sizeof(*table));
	refs = mem_zalloc(n * sizeof(*refs));
	if (!table || !refs)
		return -1;
	ndomains = n;
	return 0;
}

unsigned domains_max(void)
{
	return ndomains;
}

struct domain *domain_by_id(unsigned id)
{
	struct domain *d;

	if (id < 1 || id > ndomains || !(d = table[id - 1]) || d->state == DOM_FREE)
		return NULL;
	return d;
}

struct domain *domain_get(unsigned id)
{
	struct domain *d = domain_by_id(id);

	if (!d)
		return NULL;
	/* Counted first, then checked: teardown marks the domain, then waits for 0. */
	__atomic_add_fetch(&refs[id - 1], 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&d->state, __ATOMIC_SEQ_CST) != DOM_RUNNING) {
		domain_put(d);
		return NULL;
	}
	return d;
}

void domain_put(struct domain *d)
{
	__atomic_sub_fetch(&refs[d->id - 1], 1, __ATOMIC_SEQ_CST);
}

uint64_t domain_ipa_to_pa(const struct domain *d, uint64_t ipa, uint64_t len)
{
	if (ipa < GUEST_RAM_BASE || ipa - GUEST_RAM_BASE > d->ram_size ||
	    len > d->ram_size - (ipa - GUEST_RAM_BASE))
		return 0;
	return d->ram_pa + (ipa - GUEST_RAM_BASE);
}

int domain_pa_ok(const struct domain *d, uint64_t pa, uint64_t len)
{
	return pa >= d->ram_pa && pa - d->ram_pa <= d->ram_size &&
	       len <= d->ram_size - (pa - d->ram_pa);
}

/* --- creation --------------------------------------------------------------------- */

static int load_images(struct domain *d, struct dom_config *c, const struct image_layout *l)
{
	char *ram = (char *)(uintptr_t)d->ram_pa;
	struct guest_dt_params p = {
		.ram_base = GUEST_RAM_BASE, .ram_size = d->ram_size, .nvcpus = c->vcpus,
		.vpl011 = c->vpl011, .bootargs = c->bootargs,
	};
	int err;

	memset(ram, 0, d->ram_size);
	memcpy(ram + l->kernel_off, (const void *)(uintptr_t)c->kernel_base, l->copy_size);
	if (c->ramdisk_size) {
		memcpy(ram + l->ramdisk_off, (const void *)(uintptr_t)c->ramdisk_base,
		       c->ramdisk_size);
		p.initrd_start = GUEST_RAM_BASE + l->ramdisk_off;
		p.initrd_end = p.initrd_start + c->ramdisk_size;
	}
	fp_release_for_hyp();		/* libfdt uses SIMD registers */
	err = guest_dt_build(ram + l->dt_off, GUEST_DT_MAX, &p);
	fp_hyp_done();
	if (err) {
		config_reject(c, "the guest DT does not fit in %u bytes (libfdt error %d)",
			      (unsigned)GUEST_DT_MAX, err);
		return -1;
	}
	/* The guest starts with its MMU and caches off: make everything visible there. */
	dcache_clean(d->ram_pa, l->end);
	__asm__ volatile("ic ialluis" : : : "memory");
	dsb(ish);
	return 0;
}

static int build(struct domain *d, struct dom_config *c)
{
	struct image_layout l;
	char err[CFG_ERR_MAX - 40];
	uint64_t bytes = (c->mem_kib * 1024 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t npages = bytes / PAGE_SIZE;

	if (image_layout((const void *)(uintptr_t)c->kernel_base, c->kernel_size,
			 c->ramdisk_size, bytes, &l, err, sizeof(err))) {
		config_reject(c, "kernel module at %#lx: %s", (unsigned long)c->kernel_base, err);
		return -1;
	}
	d->ram_pa = mem_alloc(npages, bytes >= (2UL << 20) ? 512 : 1);
	if (!d->ram_pa) {
		config_reject(c, "property \"memory\" = %lu KiB: more than the free RAM (at "
			      "most %lu KiB in one piece)", (unsigned long)c->mem_kib,
			      (unsigned long)(mem_largest_free() * PAGE_SIZE / 1024));
		return -1;
	}
	d->ram_size = bytes;
	if (stage2_create(d) || stage2_map(d, GUEST_RAM_BASE, d->ram_pa, bytes)) {
		config_reject(c, "out of memory for stage-2 tables");
		return -1;
	}
	if (load_images(d, c, &l))
		return -1;

	unsigned base = (c->pcpu >= 0 ? (unsigned)c->pcpu : c->id - 1) % nr_pcpus;

	vgic_domain_init(d);
	for (unsigned i = 0; i < c->vcpus; i++) {
		struct vcpu *v = &d->vcpu[i];

		memset(v, 0, sizeof(*v));
		v->dom = d;
		v->id = i;
		sched_attach(v, (base + i) % nr_pcpus);
		v->regs.hyp_sp = pcpus[v->pcpu].stack_top;
		arch_vcpu_reset(v, 0, 0);
	}
	/* A service that refused the config has given its reason; this one is kept
	 * only if none did (config_reject reports the first). */
	if (xen_domain_create(d)) {
		config_reject(c, "out of memory for its Xen services (event channels, "
			      "xenstore and console pages)");
		return -1;
	}
	/* booting.rst: x0 = DT, x1-x3 = 0, at base + text_offset. */
	arch_vcpu_reset(&d->vcpu[0], GUEST_RAM_BASE + l.kernel_off, GUEST_RAM_BASE + l.dt_off);
	return 0;
}

static void teardown(struct domain *d)
{
	/* Another domain's hypercall may still be copying from or to this one. */
	while (__atomic_load_n(&refs[d->id - 1], __ATOMIC_SEQ_CST))
		__asm__ volatile("yield");
	xen_domain_destroy(d);
	for (unsigned i = 0; i < d->nvcpus; i++) {
		sched_detach(&d->vcpu[i]);
		arch_fp_forget(&d->vcpu[i]);
	}
	if (d->arch.s2_root)
		stage2_destroy(d);
	if (d->ram_pa)
		mem_free(d->ram_pa, d->ram_size / PAGE_SIZE);
	d->ram_pa = 0;
	d->nvcpus = 0;
}

/* A domain's state for its whole life, restarts included: allocated once. */
static struct domain *domain_slot(struct dom_config *c)
{
	struct domain *d = c->id >= 1 && c->id <= ndomains ? table[c->id - 1] : NULL;

	if (d || c->id < 1 || c->id > ndomains)
		return d;
	d = mem_zalloc(sizeof(*d));
	if (d)
		table[c->id - 1] = d;
	return d;
}

int domain_create(struct dom_config *c)
{
	struct domain *d = domain_slot(c);

	if (!d) {
		config_reject(c, "out of memory for its domain state (%lu bytes)",
			      (unsigned long)sizeof(*d));
		log_msg("d%u (%s): not started: %s", c->id, c->name, c->error);
		return -1;
	}
	unsigned restarts = d->restarts;

	memset(d, 0, sizeof(*d));
	d->restarts = restarts;
	d->id = c->id;
	d->cfg = c;
	d->nvcpus = c->vcpus;
	d->state = DOM_DYING;		/* not visible as running until built */
	if (build(d, c)) {
		teardown(d);
		d->state = DOM_FREE;
		log_msg("d%u (%s): not started: %s", c->id, c->name, c->error);
		return -1;
	}
	if (d->id <= LOG_EACH_MAX || restarts)
		log_msg("d%u (%s): started: %u vCPU(s) from pCPU %u, %lu KiB of RAM at %#lx",
			d->id, c->name, c->vcpus, d->vcpu[0].pcpu, (unsigned long)c->mem_kib,
			(unsigned long)d->ram_pa);
	__atomic_store_n(&d->state, DOM_RUNNING, __ATOMIC_RELEASE);
	vcpu_wake(&d->vcpu[0]);
	return 0;
}

int domains_start(struct dom_config *cfg, int n)
{
	int started = 0, quiet = 0;
	uint64_t t0 = arch_now();

	for (int i = 0; i < n; i++) {
		if (!cfg[i].valid) {
			log_msg("d%u (%s): not started: %s", cfg[i].id, cfg[i].name, cfg[i].error);
			continue;
		}
		/* Counted before it runs: it may end before the others are created. */
		__atomic_add_fetch(&live, 1, __ATOMIC_SEQ_CST);
		if (domain_create(&cfg[i]) == 0) {
			started++;
			quiet += cfg[i].id > LOG_EACH_MAX;
		} else {
			__atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
		}
	}
	/* The counter ticks since the first creation: with -icount shift=0, 16 guest and
	 * hyp instructions a tick (docs/BENCH.md, density). */
	if (quiet)
		log_msg("%d domains started in %lu counter ticks (%d more than the first %d, "
			"which have a line each)", started, (unsigned long)(arch_now() - t0),
			quiet, LOG_EACH_MAX);
	else if (started)
		log_msg("%d domain(s) started in %lu counter ticks", started,
			(unsigned long)(arch_now() - t0));
	console_focus_check();
	return started;
}

/* --- the end ------------------------------------------------------------------------ */

static void all_ended(void)
{
	unsigned more = 0;

	log_msg("all domains have ended:");
	for (unsigned i = 0; i < ndomains; i++) {
		struct domain *d = table[i];

		if (!d || !d->cfg || d->state != DOM_DEAD)
			continue;
		if (d->id <= LOG_EACH_MAX)
			log_msg("  d%u (%s): %s", d->id, d->cfg->name, reason_text[d->reason]);
		else
			more++;
	}
	if (more)
		log_msg("  and %u more domains (their own lines above say how)", more);
	log_msg("powering off (status %d: domains that crashed)", crashed);
	arch_poweroff(crashed);
}

static void finish(struct domain *d)
{
	struct dom_config *c = d->cfg;
	enum shutdown_reason r = d->reason;
	enum exit_policy policy = r == SHUTDOWN_REBOOT ? c->on_reboot :
				  r == SHUTDOWN_CRASH || r == SHUTDOWN_WATCHDOG ? c->on_crash :
				  c->on_poweroff;

	console_domain_flush(d);
	log_msg("d%u (%s): %s", d->id, c->name, reason_text[r]);
	teardown(d);
	if (policy == POLICY_RESTART && d->restarts < c->max_restarts) {
		d->restarts++;
		log_msg("d%u (%s): restarting (%u of at most %u restarts)", d->id, c->name,
			d->restarts, c->max_restarts);
		if (domain_create(c) == 0)
			return;
		d->state = DOM_DEAD;	/* keep its last exit for the summary */
	} else if (policy == POLICY_RESTART) {
		log_msg("d%u (%s): not restarted: it used its %u restarts "
			"(pvkit,max-restarts)", d->id, c->name, c->max_restarts);
	}
	if (r == SHUTDOWN_CRASH || r == SHUTDOWN_WATCHDOG)
		__atomic_add_fetch(&crashed, 1, __ATOMIC_SEQ_CST);
	console_focus_check();
	if (__atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST) == 0)
		all_ended();
}

static void claim_finish(struct domain *d)
{
	int dying = DOM_DYING;

	if (__atomic_compare_exchange_n(&d->state, &dying, DOM_DEAD, 0, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST))
		finish(d);
}

void domain_vcpu_released(struct vcpu *v)
{
	claim_finish(v->dom);
}

void domain_shutdown(struct domain *d, enum shutdown_reason reason)
{
	int running = DOM_RUNNING;

	if ((unsigned)reason > SHUTDOWN_WATCHDOG)
		reason = SHUTDOWN_CRASH;
	if (!__atomic_compare_exchange_n(&d->state, &running, DOM_DYING, 0, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		return;
	d->reason = reason;
	for (unsigned i = 0; i < d->nvcpus; i++) {
		struct vcpu *v = &d->vcpu[i];

		if (sched_kill(v) && v->pcpu != this_pcpu()->id)
			arch_kick(v->pcpu);
	}
	if (__atomic_load_n(&d->nr_running, __ATOMIC_SEQ_CST) == 0)
		claim_finish(d);
}
