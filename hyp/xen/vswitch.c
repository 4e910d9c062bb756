/* The L2 switch (vswitch.h). */
#include "vswitch.h"

#include <string.h>

#include <arch/lock.h>

struct vsw_port {
	int used, uplink;
	uint8_t mac[6];
	vsw_deliver_fn fn;
	void *arg;
	struct vsw_stats st;
};

struct learned {
	uint8_t mac[6];
	uint8_t used;
};

static struct spinlock lock;
static struct vsw_port ports[VSW_PORTS];
static struct learned table[VSW_LEARNED];
static unsigned next_victim;		/* table slot replaced when it is full */
static int uplink = -1;

static int is_group(const uint8_t *mac)
{
	return mac[0] & 1;		/* broadcast is a group address too */
}

int vswitch_attach(const uint8_t *mac, vsw_deliver_fn fn, void *arg)
{
	int p = -1;

	spin_lock(&lock);
	for (int i = 0; i < VSW_PORTS && p < 0; i++)
		if (!ports[i].used)
			p = i;
	if (p >= 0 && !mac && uplink >= 0)
		p = -1;
	if (p >= 0) {
		memset(&ports[p], 0, sizeof(ports[p]));
		ports[p].used = 1;
		ports[p].uplink = !mac;
		if (mac)
			memcpy(ports[p].mac, mac, 6);
		else
			uplink = p;
		ports[p].fn = fn;
		ports[p].arg = arg;
	}
	spin_unlock(&lock);
	return p;
}

void vswitch_detach(int port)
{
	if (port < 0 || port >= VSW_PORTS)
		return;
	spin_lock(&lock);
	ports[port].used = 0;
	if (port == uplink) {
		uplink = -1;
		memset(table, 0, sizeof(table));
	}
	spin_unlock(&lock);
}

static void learn_locked(const uint8_t *mac)
{
	for (unsigned i = 0; i < VSW_LEARNED; i++)
		if (table[i].used && !memcmp(table[i].mac, mac, 6))
			return;
	for (unsigned i = 0; i < VSW_LEARNED; i++)
		if (!table[i].used) {
			memcpy(table[i].mac, mac, 6);
			table[i].used = 1;
			return;
		}
	memcpy(table[next_victim].mac, mac, 6);
	next_victim = (next_victim + 1) % VSW_LEARNED;
}

/* Where a unicast address lives: a port, or -1 if nobody knows. */
static int lookup_locked(const uint8_t *mac)
{
	for (int i = 0; i < VSW_PORTS; i++)
		if (ports[i].used && !ports[i].uplink && !memcmp(ports[i].mac, mac, 6))
			return i;
	for (unsigned i = 0; uplink >= 0 && i < VSW_LEARNED; i++)
		if (table[i].used && !memcmp(table[i].mac, mac, 6))
			return uplink;
	return -1;
}

static void out_locked(int p, const void *frame, size_t len)
{
	if (ports[p].fn(ports[p].arg, frame, len))
		ports[p].st.dropped++;
	else
		ports[p].st.out++;
}

void vswitch_input(int port, const void *frame, size_t len)
{
	const uint8_t *dst = frame, *src = dst + 6;
	int to;

	if (port < 0 || port >= VSW_PORTS || len < 14)
		return;
	spin_lock(&lock);
	if (!ports[port].used) {
		spin_unlock(&lock);
		return;
	}
	ports[port].st.in++;
	if (ports[port].uplink) {
		/* A vif's own address coming back in from outside is not learned. */
		if (!is_group(src) && lookup_locked(src) < 0)
			learn_locked(src);
	} else if (memcmp(src, ports[port].mac, 6)) {
		ports[port].st.spoofed++;
		spin_unlock(&lock);
		return;
	}
	to = is_group(dst) ? -1 : lookup_locked(dst);
	if (to == port) {
		;			/* already on the segment it came from */
	} else if (to >= 0) {
		out_locked(to, frame, len);
	} else {
		for (int p = 0; p < VSW_PORTS; p++)
			if (p != port && ports[p].used)
				out_locked(p, frame, len);
	}
	spin_unlock(&lock);
}

void vswitch_stats(int port, struct vsw_stats *st)
{
	if (port < 0 || port >= VSW_PORTS) {
		memset(st, 0, sizeof(*st));
		return;
	}
	spin_lock(&lock);
	*st = ports[port].st;
	spin_unlock(&lock);
}
