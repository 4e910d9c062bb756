/*
 * xen-hostile: a guest that lies to the Xen PV services. Every call names a grant,
 * port, domain, offset, length or index it has no right to, and must get the error
 * Xen documents; then it breaks its xenstore and console rings with impossible
 * indices, which the hyp must stop serving (and say so) while other domains go on.
 * Prints "hostile: <what>: got X, want Y" per check and a count at the end.
 *
 * With the bootarg hostile.blkif it lies on its vbd's blkif ring instead, and nothing
 * else (tests/boot/xenblk-hostile.t); with hostile.netif (or hostile.netif=chain) on
 * its vif's netif rings (tests/boot/xennet-hostile.t).
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdint.h>

void expect(const char *what, long got, long want);
/* Count a check already printed. */
void tally(int good);
/* Raw xenstore ring abuse (xs_raw.c). */
void xenstore_attacks(void);
/* Lies on the blkif ring of device/vbd/51712 (blk_raw.c). */
void blkif_attacks(void);
/* Lies on the netif rings of device/vif/0 (net_raw.c); chain: only the long chain. */
void netif_attacks(int chain);

#endif
