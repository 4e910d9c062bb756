/*
 * A domain: its RAM, its vCPUs, its emulated devices and its lifecycle. Domains are
 * created from a struct dom_config at boot, and again when one restarts.
 *
 * Lifecycle: RUNNING -> (shutdown, crash) DYING -> (no vCPU left on any pCPU) the
 * last pCPU to let go of one of its vCPUs finishes it: reports the exit, frees its
 * memory, and restarts it or counts it as ended.
 */
#ifndef CORE_DOMAIN_H
#define CORE_DOMAIN_H

#include <stdint.h>

#include <arch/domain.h>
#include <arch/lock.h>
#include "config.h"
#include "vcpu.h"
#include "xen/xdom.h"

/* The guest physical map (like Xen's: xen/include/public/arch-arm.h). */
#define GUEST_RAM_BASE		0x40000000UL
#define GUEST_GICD_BASE		0x03001000UL
#define GUEST_GICD_SIZE		0x10000UL
#define GUEST_GICR_BASE		0x03020000UL
#define GUEST_GICR_STRIDE	0x20000UL
#define GUEST_PL011_BASE	0x22000000UL
#define GUEST_PL011_SIZE	0x1000UL
#define GUEST_PL011_SPI		32	/* INTID */
#define GUEST_GNTTAB_BASE	0x38000000UL	/* where a guest maps its grant table */
#define GUEST_GNTTAB_SIZE	0x01000000UL
/* GUEST_MAGIC_BASE (include/xen/xen.h): the console and xenstore rings. */
#define GUEST_EVTCHN_PPI	31	/* INTID reserved for event channels */
#define GUEST_VTIMER_PPI	27

/* Xen's SHUTDOWN_* reasons (sched_op), which vPSCI and faults map onto too. */
enum shutdown_reason {
	SHUTDOWN_POWEROFF = 0,
	SHUTDOWN_REBOOT = 1,
	SHUTDOWN_SUSPEND = 2,
	SHUTDOWN_CRASH = 3,
	SHUTDOWN_WATCHDOG = 4,
};

enum dom_state { DOM_FREE, DOM_RUNNING, DOM_DYING, DOM_DEAD };

#define CON_IN_SIZE	256

struct vpl011 {
	uint32_t imsc, lcr_h, cr, ifls, ibrd, fbrd;
	uint32_t rxis;		/* receive status: set by new input, cleared by ICR */
	int irq_level;
};

struct domain {
	unsigned id;
	struct dom_config *cfg;
	int state;			/* enum dom_state, changed atomically */
	enum shutdown_reason reason;
	struct spinlock lock;		/* vGIC, vpl011, console input */
	uint64_t ram_pa, ram_size;	/* host physical RAM backing GUEST_RAM_BASE */
	unsigned nvcpus;
	struct vcpu vcpu[MAX_VCPUS];
	int nr_running;			/* vCPUs on a pCPU now (atomic) */
	unsigned restarts;
	struct vpl011 uart;
	char con_in[CON_IN_SIZE];	/* console input for this domain (ring) */
	unsigned con_in_head, con_in_tail;
	char con_line[160];		/* console output collected up to a newline */
	unsigned con_len;
	struct xen_domain xen;		/* event channels, grant table (hyp/xen) */
	struct domain_arch arch;
};

/* Boot: room for domain ids 1..n (each domain's state is allocated when it is first
 * created and kept for its restarts). 0 or -1 (out of memory). */
int domains_init(unsigned n);
/* The highest domain id there can be. */
unsigned domains_max(void);

/* Build and start a domain from its config; on failure the config is marked
 * invalid with the reason, which is also logged. */
int domain_create(struct dom_config *cfg);
/* Begin ending d for `reason` (from any pCPU; idempotent). */
void domain_shutdown(struct domain *d, enum shutdown_reason reason);
/* The scheduler calls this when a vCPU of a dying domain leaves its pCPU. */
void domain_vcpu_released(struct vcpu *v);
struct domain *domain_by_id(unsigned id);
/* A running domain another one's hypercall touches (a grant copy): it is not torn
 * down before domain_put. NULL if there is no such domain or it is ending. */
struct domain *domain_get(unsigned id);
void domain_put(struct domain *d);
/* Boot: start every valid domain; returns how many started. With many domains only
 * the first LOG_EACH_MAX get a "started" line each, then one line sums up the rest. */
#define LOG_EACH_MAX	16
int domains_start(struct dom_config *cfg, int n);

/* Guest physical -> host physical for [ipa, ipa+len) inside the domain's RAM, or 0. */
uint64_t domain_ipa_to_pa(const struct domain *d, uint64_t ipa, uint64_t len);
/* 1 if host physical [pa, pa+len) is inside the domain's RAM. */
int domain_pa_ok(const struct domain *d, uint64_t pa, uint64_t len);

#endif
