# The pvkit hypervisor with the image as its only domain. Until the hyp is on this
# branch every figure is n/a with the reason below. Adding it: build/hyp/hyp.img and a
# domain configuration (dts/, Xen's dom0less binding) that names the guest image,
# loaded with -device loader; fill GUEST_ARGS like guest_xen_4_17 does.
TARGETS+=(pvkit)

guest_pvkit() {
	GUEST_NA="" GUEST_ARGS=()
	if [ ! -f "$TOP/hyp/Makefile" ]; then
		GUEST_NA="the pvkit hyp is not on this branch yet (branch hyp unmerged)"
	elif [ ! -f "$TOP/build/hyp/hyp.img" ]; then
		GUEST_NA="build/hyp/hyp.img was not built"
	else
		GUEST_NA="bench/targets/pvkit.sh does not yet know how to boot a guest on the hyp"
	fi
}

# dom0less_pvkit DTB IMAGE: the hyp with the domains of a Xen dom0less-style DT
# (bench/suites/density.sh); like dom0less_xen_4_17 once the hyp reads that binding.
dom0less_pvkit() {
	guest_pvkit icount "$2" ""
}
