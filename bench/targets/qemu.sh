# Bare QEMU: the image alone on the virt machine (entered at EL2, where the runtime
# leaves only its stub). The figures of the emulated hardware itself: GIC registers,
# interrupt delivery, boot.
TARGETS+=(qemu)

guest_qemu() {
	GUEST_NA=""
	GUEST_ARGS=(--append "$3" "$2" --)
	if [ "$1" = icount ]; then GUEST_ARGS+=("${ICOUNT_QEMU[@]}"); fi
}
