#!/usr/bin/env bash
# Boot-time bad input: no DT, a DT that is not one, a truncated DT, a DT without a memory
# node. Each must produce one clear "boot failed" line and power off (exit status 1),
# never a hang. tests/boot/shim.S enters the image with the chosen x0.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$APPS/hello.img
W=$TOUT/badinput
mkdir -p "$W"
plan 10

loader() {	# shim, dtb-or-empty
	echo -device "loader,file=$TOUT/$1,addr=0x40200000,cpu-num=0,force-raw=on"
	echo -device "loader,file=$IMG,addr=0x40400000,force-raw=on"
	[ -n "${2:-}" ] && echo -device "loader,file=$2,addr=0x40300000,force-raw=on"
}
failed_with() {	# name, expected boot-failed message (regex)
	has_match "$1: names the problem" "$LOG" "pvkit: boot failed: $2"
	is "$1: powers off with status 1" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 1 rc=1"
}

# 1. x0 = 0
boot_raw bad-nodt $(loader shim-nodt.bin)
failed_with "no DT" "no device tree: x0 was 0 at entry"

# 2. x0 points at something that is not a DT
head -c 4096 /dev/urandom >"$W/garbage.bin"
boot_raw bad-garbage $(loader shim-dt.bin "$W/garbage.bin")
failed_with "garbage DT" "no device tree at the address in x0 \(bad magic\)"

# 3. a real DT cut in half (its header still claims the full size)
virt_dts | dtc -q -I dts -O dtb -o "$W/full.dtb" -
head -c $(($(stat -c %s "$W/full.dtb") / 2)) "$W/full.dtb" >"$W/truncated.dtb"
boot_raw bad-truncated $(loader shim-dt.bin "$W/truncated.dtb")
failed_with "truncated DT" "device tree at 0x40300000 is corrupt or truncated: FDT_ERR_[A-Z]+"

# 4. a valid DT without any memory node
virt_dts | perl -0pe 's/\tmemory\@[0-9a-f]+ \{.*?\n\t\};\n//s' >"$W/nomem.dts"
ok "nomem.dts really lacks the memory node" bash -c "! grep -q 'device_type = \"memory\"' '$W/nomem.dts'"
dtc -q -I dts -O dtb -o "$W/nomem.dtb" "$W/nomem.dts"
boot_raw bad-nomem $(loader shim-dt.bin "$W/nomem.dtb")
failed_with "no memory node" "the device tree has no memory node .*"

# 5. control: the same shim and loader with the full DT boots normally
boot_raw bad-control $(loader shim-dt.bin "$W/full.dtb")
is "control: full DT through the shim boots and exits 0" "$(last_line "$LOG") rc=$RC" \
	"pvkit: exit status 0 rc=0"
