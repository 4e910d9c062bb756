#include "esr.h"

#include <stddef.h>

/* Names inline (no pointers): a table of pointers would cost a relocation each. */
static const struct {
	uint8_t ec;
	char name[29];
} ec_names[] = {
	{ EC_UNKNOWN, "undefined instruction" },
	{ EC_WFX, "WFI/WFE" },
	{ EC_FP, "FP/SIMD access trap" },
	{ EC_SVC64, "SVC" },
	{ EC_HVC64, "HVC" },
	{ EC_SMC64, "SMC" },
	{ EC_SYSREG, "system register access" },
	{ EC_IABT_LOW, "instruction abort (lower EL)" },
	{ EC_IABT_CUR, "instruction abort" },
	{ EC_PC_ALIGN, "PC alignment fault" },
	{ EC_DABT_LOW, "data abort (lower EL)" },
	{ EC_DABT_CUR, "data abort" },
	{ EC_SP_ALIGN, "SP alignment fault" },
	{ EC_SERROR, "SError" },
	{ EC_BRK64, "BRK instruction" },
};

const char *esr_class_name(uint64_t esr)
{
	for (size_t i = 0; i < sizeof(ec_names) / sizeof(ec_names[0]); i++)
		if (ec_names[i].ec == ESR_EC(esr))
			return ec_names[i].name;
	return "unexpected exception class";
}

const char *esr_fault_name(uint64_t esr)
{
	static const char *const level[4] = { "level 0", "level 1", "level 2", "level 3" };
	static char buf[40];
	unsigned ec = ESR_EC(esr), fsc = esr & 0x3f;
	const char *kind;

	if (ec != EC_IABT_LOW && ec != EC_IABT_CUR && ec != EC_DABT_LOW && ec != EC_DABT_CUR)
		return NULL;
	switch (fsc >> 2) {
	case 0x0: kind = "address size fault"; break;
	case 0x1: kind = "translation fault"; break;
	case 0x2: kind = "access flag fault"; break;
	case 0x3: kind = "permission fault"; break;
	default:
		return fsc == 0x21 ? "alignment fault" : fsc == 0x10 ? "external abort" :
		       "other fault";
	}
	/* Built once per crash, which is single-threaded: a static buffer is enough. */
	const char *lv = level[fsc & 3];
	size_t i = 0;

	for (const char *p = kind; *p; p++)
		buf[i++] = *p;
	buf[i++] = ',';
	buf[i++] = ' ';
	for (const char *p = lv; *p; p++)
		buf[i++] = *p;
	buf[i] = '\0';
	return buf;
}

int esr_is_write(uint64_t esr)
{
	return (esr >> 6) & 1;	/* ISS.WnR */
}
