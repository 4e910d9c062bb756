/*
 * The pvkit hyp's own guest ABI, beside the Xen ABI it also speaks (include/xen/).
 * Shared by the hyp and the runtime; docs/ABI.md describes every call.
 *
 * The hyp identifies itself through the SMCCC "vendor-specific hypervisor service"
 * UID call (function id 0x8600ff01): x0..x3 = PVKIT_UID_0..3. KVM's UID is listed so
 * discovery can name it too.
 */
#ifndef PVKIT_ABI_H
#define PVKIT_ABI_H

/* pvkit hyp UID: 9d4e1c7a-3b52-4f86-a1d0-5c2e8b7f6a13, as SMCCC returns it. */
#define PVKIT_UID_0	0x7a1c4e9du
#define PVKIT_UID_1	0x864f523bu
#define PVKIT_UID_2	0x2e5cd0a1u
#define PVKIT_UID_3	0x136a7f8bu

/* KVM: 28b46fb6-2ec5-11e9-a9ca-4b564d003a74 (Linux include/linux/arm-smccc.h). */
#define KVM_UID_0	0xb66fb428u
#define KVM_UID_1	0xe911c52eu
#define KVM_UID_2	0x564bcaa9u
#define KVM_UID_3	0x743a004du

/* pvkit vendor hypervisor calls: SMC64, fast, owner "vendor hypervisor" (6). */
#define PVKIT_SMCCC_FN(n)	(0xc6000000u | (n))
#define PVKIT_CALL_NULL		PVKIT_SMCCC_FN(0)	/* returns 0: the cheapest trap */
#define PVKIT_CALL_DOMID	PVKIT_SMCCC_FN(1)	/* x0 = caller's domain id */

#endif
