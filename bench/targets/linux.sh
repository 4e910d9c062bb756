# A Debian Linux guest (linux-image-arm64, with an initramfs of busybox, nginx and
# redis-server built by bench/linux/mkinitramfs from deps/bench/linux) on the same QEMU
# setup: the peer for the service benchmarks. It is not a hypervisor: no hcbench.
TARGETS+=(linux)
LINUX_KERNEL=$(ls "${PVKIT_DEPS:-$TOP/deps}"/bench/linux/boot/vmlinuz-*-arm64 2>/dev/null | head -1)

# guest_linux MODE INITRAMFS BOOTARGS (pvbench.svc=..., bench/linux/init)
guest_linux() {
	GUEST_NA="" GUEST_ARGS=()
	if [ -z "$LINUX_KERNEL" ]; then
		GUEST_NA="the Linux guest is not in deps/bench/linux (scripts/setup --bench fetches it)"
	elif [ ! -f "$2" ]; then
		GUEST_NA="no initramfs for the Linux guest (bench/linux/mkinitramfs failed)"
	else
		GUEST_ARGS=(--no-semihosting --append "console=ttyAMA0 quiet $3" "$LINUX_KERNEL"
			-- -initrd "$2")
		if [ "$1" = icount ]; then GUEST_ARGS+=("${ICOUNT_QEMU[@]}"); fi
	fi
}

# linux_initramfs: path of this run's initramfs, built on first use (about 2 s).
linux_initramfs() {
	local img=$WORK/linux-initramfs.cpio.gz
	if [ ! -f "$img" ] && [ -n "$LINUX_KERNEL" ]; then
		progress "building the Linux guest's initramfs (bench/linux/mkinitramfs)"
		"$TOP/bench/linux/mkinitramfs" "$img" >"$LOGS/mkinitramfs.log" 2>&1 ||
			progress "  failed: see ${LOGS#$TOP/}/mkinitramfs.log"
	fi
	echo "$img"
}
