/*
 * The floor: an EL2 vector table whose every entry only returns. hcbench installs it
 * through the runtime's EL2 stub (PVSTUB_SET_VECTORS, docs/BOOT.md) when it runs bare
 * at EL2, so a trap measured against it costs what the machine charges for entering
 * EL2 and leaving it again and nothing more: no register saved, no decoding, no
 * answer. That is the physical limit for a null hypercall on this machine; every
 * hypervisor's figure is read against it.
 *
 * For hvc the preferred return address is the instruction after the hvc, so `eret`
 * resumes the caller; x0 keeps the function id it had (a "result" nobody checks).
 * Nothing else ever reaches EL2 while the floor owns it (stage 2 and every trap are
 * off, docs/BOOT.md), and there is no way back to the stub: hcbench installs the
 * floor last.
 */
	.section .text.floor, "ax"
	.balign	2048
	.globl	bench_floor_vectors
bench_floor_vectors:
	.rept	16
	.balign	128
	eret
	.endr
	.size	bench_floor_vectors, . - bench_floor_vectors
