/* The switch's uplink: the first host NIC the hyp drives (uplink.c). */
#ifndef XEN_UPLINK_H
#define XEN_UPLINK_H

/* Boot, after the host devices are probed: attach host NIC 0 to the switch, if there
 * is one. 0, or -1 if the switch had no port left (logged). */
int uplink_init(void);

#endif
