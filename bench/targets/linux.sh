# A Debian Linux guest (linux-image-arm64 + an initramfs with busybox, nginx-light,
# redis-server) on the same QEMU setup: the peer for the service benchmarks only.
TARGETS+=(linux)

guest_linux() {
	GUEST_NA="the Linux guest runs services only; it is not a hypervisor" GUEST_ARGS=()
}
