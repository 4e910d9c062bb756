#!/usr/bin/env bash
# Hypervisor discovery on bare QEMU with crafted DTs: what hello reports must follow the
# DT's /psci method and /hypervisor node. The DT is placed with the boot shim (as in
# badinput.t) because QEMU rewrites the /psci node of a DT passed with -dtb. Which calls
# are made is checked exactly by tests/unit/test_discover.c with a fake hypervisor.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$APPS/hello.img
W=$TOUT/discovery
mkdir -p "$W"
plan 12

variant() {	# name, perl substitution on QEMU's DTS
	virt_dts | perl -0pe "$2" >"$W/$1.dts"
	dtc -q -I dts -O dtb -o "$W/$1.dtb" "$W/$1.dts"
	boot_raw "discovery-$1" \
		-device "loader,file=$TOUT/shim-dt.bin,addr=0x40200000,cpu-num=0,force-raw=on" \
		-device "loader,file=$IMG,addr=0x40400000,force-raw=on" \
		-device "loader,file=$W/$1.dtb,addr=0x40300000,force-raw=on"
}
expect() {	# name, hypervisor, conduit
	is "$1: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
	is "$1: hypervisor" "$(field "$LOG" hypervisor)" "$2"
	is "$1: conduit" "$(field "$LOG" conduit)" "$3"
}

variant psci-hvc 's/method = "hvc"/method = "hvc"/'
expect psci-hvc "none" "smccc (hvc #0)"

variant psci-smc 's/method = "hvc"/method = "smc"/'
expect psci-smc "none" "smccc (smc #0)"

variant no-psci 's/\tpsci \{.*?\n\t\};\n//s'
expect no-psci "none" "none"

# A Xen node on a machine without Xen: the one Xen call fails cleanly (undefined
# instruction, caught), so the version is 0.0, and the image still powers off.
variant xen-node 's/(\tpsci \{)/\thypervisor {\n\t\tcompatible = "xen,xen-4.17", "xen,xen";\n\t\treg = <0x00 0x38000000 0x00 0x1000000>;\n\t\tinterrupts = <0x01 0x0f 0xf08>;\n\t};\n$1/'
expect xen-node "xen (xen 0.0, DT says 4.17)" "xen (hvc #0xEA1) + smccc (hvc #0)"
