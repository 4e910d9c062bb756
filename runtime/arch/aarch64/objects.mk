# runtime/arch/aarch64: system registers, assembly, the GICs. head.S is linked first
# and separately (mk/runtime.mk), so it is not listed here.
rt-y += runtime/arch/aarch64/el2_stub.S runtime/arch/aarch64/vectors.S \
	runtime/arch/aarch64/switch.S runtime/arch/aarch64/conduit.S \
	runtime/arch/aarch64/mmu_asm.S runtime/arch/aarch64/mmu_early.c \
	runtime/arch/aarch64/mmu.c runtime/arch/aarch64/traps.c \
	runtime/arch/aarch64/gicv2.c runtime/arch/aarch64/gicv3.c \
	runtime/arch/aarch64/cpu.c runtime/arch/aarch64/smp.S

# Runs with the MMU off, where unaligned accesses fault (mmu_early.c explains).
$(RT_OUT)/runtime/arch/aarch64/mmu_early.o $(RT_OUT)/runtime/early.o: \
	TARGET_CFLAGS += -mstrict-align -fno-stack-protector
# Sets the stack-protector canary: must not itself check it.
$(RT_OUT)/runtime/ssp.o $(RT_OUT)/runtime/boot.o: TARGET_CFLAGS += -fno-stack-protector
