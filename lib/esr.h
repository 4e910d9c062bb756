/* Human-readable names for AArch64 exception syndromes (ESR_ELx), for crash reports. */
#ifndef LIB_ESR_H
#define LIB_ESR_H

#include <stdint.h>

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)
#define ESR_ISS(esr)	((esr) & 0x1ffffff)

#define EC_UNKNOWN	0x00
#define EC_WFX		0x01
#define EC_FP		0x07
#define EC_SVC64	0x15
#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define EC_SYSREG	0x18
#define EC_IABT_LOW	0x20
#define EC_IABT_CUR	0x21
#define EC_PC_ALIGN	0x22
#define EC_DABT_LOW	0x24
#define EC_DABT_CUR	0x25
#define EC_SP_ALIGN	0x26
#define EC_SERROR	0x2f
#define EC_BRK64	0x3c

/* "data abort", "undefined instruction", ... never NULL. */
const char *esr_class_name(uint64_t esr);
/* For instruction/data aborts: "translation fault, level 3" etc.; NULL otherwise. */
const char *esr_fault_name(uint64_t esr);
/* For data aborts: 1 if the access was a write. */
int esr_is_write(uint64_t esr);

#endif
