#!/usr/bin/env bash
# hello on every {entry EL} x {GIC} x {CPU} combination: what it reports must match the
# machine QEMU was told to build, and it must exit 0 both ways (console line, QEMU).
. "$(dirname "$0")/../lib/tap.sh"

declare -A MIDR=([cortex-a53]=0x410fd034 [cortex-a72]=0x410fd083 [max]=0x000f0510)
declare -A NAME=([cortex-a53]=Cortex-A53 [cortex-a72]=Cortex-A72 [max]="QEMU max")
plan $((2 * 2 * 3 * 4))
for el in 1 2; do
	for gic in 2 3; do
		for cpu in cortex-a53 cortex-a72 max; do
			id="el$el-gic$gic-$cpu"
			boot "matrix-$id" $([ $el = 2 ] && echo --el2) --gic $gic --cpu $cpu \
				--mem 128M "$APPS/hello.img"
			is "$id: exit status line and QEMU status" \
				"$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
			is "$id: cpu, GIC, entry EL" \
				"$(field "$LOG" cpu) | $(field "$LOG" gic) | $(field "$LOG" 'entered at')" \
				"${NAME[$cpu]} (midr ${MIDR[$cpu]}), 1 in DT | v$gic | EL$el"
			# QEMU's PSCI is reached by hvc when the guest runs at EL1 only, by smc
			# (emulated firmware) when EL2 exists.
			conduit="smccc (hvc #0)"
			[ $el = 2 ] && conduit="smccc (smc #0)"
			is "$id: hypervisor and conduit" \
				"$(field "$LOG" hypervisor) | $(field "$LOG" conduit)" "none | $conduit"
			is "$id: RAM and model from the DT" \
				"$(field "$LOG" ram) | $(field "$LOG" model) | $(field "$LOG" libc)" \
				"131072 KiB | linux,dummy-virt | picolibc"
		done
	done
done
