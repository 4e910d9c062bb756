#!/usr/bin/env bash
# The console without /chosen/stdout-path (Xen gives dom0less domUs only a vpl011 node):
# the runtime falls back to the first UART in the DT. Booted through the shim with a DT
# whose chosen node lost its stdout-path.
. "$(dirname "$0")/../lib/tap.sh"
W=$TOUT/stdout
mkdir -p "$W"
plan 3

virt_dts | perl -0pe 's/\t\tstdout-path = [^\n]*\n//' >"$W/nostdout.dts"
ok "the DT really has no stdout-path" bash -c "! grep -q stdout-path '$W/nostdout.dts'"
dtc -q -I dts -O dtb -o "$W/nostdout.dtb" "$W/nostdout.dts"
boot_raw stdout-fallback \
	-device "loader,file=$TOUT/shim-dt.bin,addr=0x40200000,cpu-num=0,force-raw=on" \
	-device "loader,file=$APPS/hello.img,addr=0x40400000,force-raw=on" \
	-device "loader,file=$W/nostdout.dtb,addr=0x40300000,force-raw=on"
has_line "hello prints on the first UART" "$LOG" "hello from pvkit"
is "and exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
