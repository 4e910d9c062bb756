# The pvkit hyp (build/hyp/hyp.img, docs/HYP.md) with the image as its only domain,
# configured like Xen's dom0less domains (docs/CONFIG.md): 8 MiB, one vCPU, a vpl011.
# DOM0LESS_CPUS and DOM0LESS_ARGV (bench/lib/common.sh) ask for more vCPUs or several
# domains with their own bootargs (hcbench's ipi and domain_switch runs).
TARGETS+=(pvkit)
HYP_IMG=$TOP/build/hyp/hyp.img
PVKIT_DOMAIN_KIB=8192

pvkit_na() {
	if [ ! -f "$TOP/hyp/Makefile" ]; then
		echo "the pvkit hyp is not on this branch"
	elif [ ! -f "$HYP_IMG" ]; then
		echo "build/hyp/hyp.img was not built"
	fi
}

# guest_pvkit MODE IMAGE BOOTARGS
guest_pvkit() {
	GUEST_NA=$(pvkit_na) GUEST_ARGS=()
	[ -z "$GUEST_NA" ] || return 0
	local dtb
	local n=$((${#DOM0LESS_ARGV[@]} > 1 ? ${#DOM0LESS_ARGV[@]} : 1))
	dtb=$WORK/pvkit-$(basename "$2" .img)-$(echo "$3 ${DOM0LESS_ARGV[*]} $DOM0LESS_CPUS ${DOM0LESS_PROPS:-}" |
		cksum | cut -d' ' -f1).dtb
	dom0less_dt "$dtb" "$2" $n $PVKIT_DOMAIN_KIB "$3" "" 0
	dom0less_pvkit "$dtb" "$2" $n
	if [ "$1" != icount ]; then
		# wall clock: drop the -icount options dom0less_pvkit added
		GUEST_ARGS=("${GUEST_ARGS[@]:0:${#GUEST_ARGS[@]}-${#ICOUNT_QEMU[@]}}")
	fi
}

# dom0less_pvkit DTB IMAGE N [SHARED]: the hyp with the N domains DTB lists, one copy
# of IMAGE each, or with SHARED=1 one copy they all name (identical "reg": the hyp
# shares the module, docs/CONFIG.md). The hyp powers the machine off when every
# domain has ended.
DOM0LESS_SHARED_pvkit=1
dom0less_pvkit() {
	GUEST_NA=$(pvkit_na) GUEST_ARGS=()
	[ -z "$GUEST_NA" ] || return 0
	GUEST_ARGS=(--no-semihosting --dtb "$1" "$HYP_IMG" --)
	mapfile -t -O ${#GUEST_ARGS[@]} GUEST_ARGS < <(dom0less_loaders "$2" "$3" "${4:-0}")
	GUEST_ARGS+=("${ICOUNT_QEMU[@]}")
}
DOM0LESS_HOST_pvkit=""	# the hyp needs no command line
