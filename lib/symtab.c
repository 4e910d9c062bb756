#include "symtab.h"

#include <stddef.h>

extern const uint32_t pv_symtab_count;
extern const uint32_t pv_symtab_addr[];
extern const uint32_t pv_symtab_name[];
extern const char pv_symtab_strings[];

const char *symtab_lookup(uint64_t off, uint64_t *delta)
{
	uint32_t lo = 0, hi = pv_symtab_count;

	if (hi == 0 || off < pv_symtab_addr[0])
		return NULL;
	while (hi - lo > 1) {		/* last entry with addr <= off */
		uint32_t mid = lo + (hi - lo) / 2;

		if (pv_symtab_addr[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*delta = off - pv_symtab_addr[lo];
	return pv_symtab_strings + pv_symtab_name[lo];
}
