/* netback's transmit-request validator (hyp/xen/netif_check.c) on arbitrary ring
 * contents: every verdict must describe a frame inside what was offered (slots within
 * the published count and XEN_NETIF_NR_SLOTS_MIN), and a frame it accepts must fit
 * its pages and the size bounds.
 * fuzz-sources: hyp/xen/netif_check.c
 * Input: [avail:1][nr_grefs:2] then the slots' bytes. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "../../hyp/xen/netif_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union netif_tx_slot s[XEN_NETIF_NR_SLOTS_MIN + 8];
	struct netif_tx_frame f;
	unsigned avail, grefs, sum = 0;

	if (size < 3)
		return 0;
	avail = data[0] % (XEN_NETIF_NR_SLOTS_MIN + 8);
	grefs = (unsigned)(data[1] | data[2] << 8);
	memset(s, 0, sizeof(s));
	memcpy(s, data + 3, size - 3 < sizeof(s) ? size - 3 : sizeof(s));
	switch (netif_tx_check(s, avail, grefs, &f)) {
	case NETIF_TX_OK:
		assert(f.slots >= 1 && f.slots <= avail && f.slots <= XEN_NETIF_NR_SLOTS_MIN);
		assert(f.frags >= 1 && f.frags <= f.slots);
		assert(f.len >= NETIF_FRAME_MIN && f.len <= NETIF_FRAME_MAX);
		for (unsigned k = 0; k < f.frags; k++) {
			const struct netif_tx_request *r = &s[f.slot[k]].req;

			assert(f.slot[k] < f.slots);
			assert(r->offset + f.size[k] <= 4096 && r->gref < grefs);
			sum += f.size[k];
		}
		assert(sum == f.len);
		break;
	case NETIF_TX_BAD:
		assert(f.why && f.slots >= 1 && f.slots <= avail &&
		       f.slots <= XEN_NETIF_NR_SLOTS_MIN);
		break;
	case NETIF_TX_FATAL:
		assert(f.why && avail >= XEN_NETIF_NR_SLOTS_MIN);
		break;
	case NETIF_TX_WAIT:
		assert(avail < XEN_NETIF_NR_SLOTS_MIN);
		break;
	}
	return 0;
}
