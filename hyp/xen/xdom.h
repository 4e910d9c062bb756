/*
 * A domain's Xen state that the core clears with the rest of struct domain on every
 * (re)start: its event channels and where their 2-level bits live, its grant table.
 * The services on top (xenstore, console backend) keep their own per-domain tables.
 */
#ifndef XEN_XDOM_H
#define XEN_XDOM_H

#include <stdint.h>

#include <arch/lock.h>
#include <xen/xen.h>

#define XDOM_MAX_VCPUS		4	/* = MAX_VCPUS (core/config.h) */
#define EVTCHN_MAX		256	/* ports per domain, 1..255 */
#define GNTTAB_MAX_FRAMES	8	/* 4096 grant references */
#define GNT_MAPS_MAX		64	/* long-lived backend mappings of this domain's grants */

struct evtchn {
	uint8_t state;		/* enum evtchn_state (evtchn.c) */
	uint8_t vcpu;		/* the vCPU it notifies */
	uint16_t remote_dom;	/* unbound: who may bind; interdomain: the peer */
	uint32_t remote_port;	/* interdomain: the peer's port */
};

/* A grant a backend keeps in use (gnttab_map): the in-use bit it holds. */
struct gnt_map {
	uint32_t ref;
	uint16_t bit;		/* GTF_reading or GTF_writing; 0 = free slot */
	uint16_t pad;
};

struct xen_domain {
	/* Event channels (evtchn.c), under its lock. */
	struct shared_info *shinfo;		/* the hyp's page until the guest maps one */
	uint64_t shinfo_page;			/* the hyp's page */
	struct vcpu_info *vcpu_info[XDOM_MAX_VCPUS];	/* registered, or NULL */
	struct vcpu_info spare_vi[XDOM_MAX_VCPUS];	/* for vCPUs with neither */
	struct evtchn evtchn[EVTCHN_MAX];
	/* Grant table (gnttab.c), under gnt_lock. */
	struct spinlock gnt_lock;
	unsigned gnt_frames;
	uint64_t gnt_frame[GNTTAB_MAX_FRAMES];	/* host pages */
	uint64_t gnt_gpfn[GNTTAB_MAX_FRAMES];	/* guest frame each is mapped at; 0: none */
	struct gnt_map gnt_map[GNT_MAPS_MAX];
	/* The toolstack's magic pages (xen.h: GUEST_MAGIC_*), host addresses; 0 = none. */
	uint64_t store_page, console_page;
	uint32_t store_port, console_port;	/* the guest's ends (HVM params) */
};

struct domain;
/* Boot: the Xen services' tables for domain ids 1..max_domid. 0 or -1 (out of
 * memory). */
int xen_init(unsigned max_domid);
/* Set up / take down a domain's Xen services: called once its vCPUs exist, and
 * before its memory goes. Create returns 0 or -1: out of memory, or a configuration
 * the services refuse (blkback: pvkit,disk), with the reason given to config_reject. */
int xen_domain_create(struct domain *d);
void xen_domain_destroy(struct domain *d);

#endif
