# Debian's Xen 4.17 hypervisor for arm64: the benchmarks boot hcbench as its dom0 under
# QEMU (bench/targets/xen-4.17). Only the hypervisor binary is needed, no tools.
step "Xen 4.17 (arm64 package)"
if bench_debs "$BENCH_DEPS/xen" xen-hypervisor-4.17-arm64; then
	ls "$BENCH_DEPS"/xen/boot/xen-4.17*-arm64 >/dev/null 2>&1 ||
		fail "xen-hypervisor-4.17-arm64 has no boot/xen-4.17*-arm64"
fi
