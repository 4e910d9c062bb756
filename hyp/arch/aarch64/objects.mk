# hyp/arch/aarch64: EL2 entry, vectors, MMU and stage 2, vGIC, timers, vPSCI, switch.
hyp-y += $(addprefix hyp/arch/aarch64/, head.S vectors.S fpsimd_regs.S mmu.c stage2.c cpu.c \
	switch.c fpsimd.c vcpu_reset.c traps.c dabt.c sysreg_trap.c inject.c smccc.c \
	psci.c gicv3.c vgic.c vgic_lr.c timer.c firmware.c crash.c guest_copy.c)
