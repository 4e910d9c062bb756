# The floor: hcbench bare at EL2 with the 'floor' bootarg installs bench/floor's EL2
# vectors, which only return, and measures the traps against them. Only hcbench's
# traps make sense here.
TARGETS+=(floor)

# guest_floor MODE IMAGE BOOTARGS: sets GUEST_ARGS (qemu-run arguments) or GUEST_NA.
guest_floor() {
	GUEST_NA=""
	GUEST_ARGS=(--append "floor $3" "$2" --)
	if [ "$1" = icount ]; then GUEST_ARGS+=("${ICOUNT_QEMU[@]}"); fi
}
