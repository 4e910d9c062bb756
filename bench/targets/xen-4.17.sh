# Debian's Xen 4.17 (xen-hypervisor-4.17-arm64, fetched by scripts/setup --bench into
# deps/bench/xen) with the image as its dom0, loaded by QEMU's guest-loader. Xen runs
# with its defaults; only the console, the log level and dom0's memory are set.
TARGETS+=(xen-4.17)
XEN_BIN=$(ls "${PVKIT_DEPS:-$TOP/deps}"/bench/xen/boot/xen-4.17*-arm64 2>/dev/null | head -1)
XEN_CMDLINE="dom0_mem=128M console=dtuart dtuart=/pl011@9000000 loglvl=warning guest_loglvl=warning"

guest_xen_4_17() {
	GUEST_NA="" GUEST_ARGS=()
	if [ -z "$XEN_BIN" ]; then
		GUEST_NA="Xen 4.17 is not in deps/bench/xen (scripts/setup --bench fetches it)"
		return
	fi
	# Empty module bootargs would make Xen take /chosen/bootargs (its own command
	# line) as dom0's and ignore dom0_mem: always give dom0 a word (pvkit ignores it).
	# A guest of a hypervisor must not end the emulator: no semihosting. Xen powers
	# the machine off when dom0 shuts down.
	GUEST_ARGS+=(--no-semihosting --append "$XEN_CMDLINE" "$XEN_BIN" --
		-device "guest-loader,addr=0x49000000,kernel=$2,bootargs=${3:-pvkit}")
	if [ "$1" = icount ]; then GUEST_ARGS+=("${ICOUNT_QEMU[@]}"); fi
}

# dom0less_xen_4_17 DTB IMAGE N: Xen with the N domains the DT lists (dom0less_dt in
# bench/lib/common.sh) and no dom0 (bench/suites/density.sh). Xen accepts one module
# shared by every domain, and needs it beyond 32 domains.
DOM0LESS_SHARED_xen_4_17=1
dom0less_xen_4_17() {
	GUEST_NA="" GUEST_ARGS=()
	if [ -z "$XEN_BIN" ]; then
		GUEST_NA="Xen 4.17 is not in deps/bench/xen (scripts/setup --bench fetches it)"
		return
	fi
	GUEST_ARGS=(--no-semihosting --dtb "$1" "$XEN_BIN" --)
	mapfile -t -O ${#GUEST_ARGS[@]} GUEST_ARGS < <(dom0less_loaders "$2" "$3" 1)
	GUEST_ARGS+=("${ICOUNT_QEMU[@]}")
}
DOM0LESS_HOST_xen_4_17="console=dtuart dtuart=/pl011@9000000 loglvl=warning guest_loglvl=warning"
