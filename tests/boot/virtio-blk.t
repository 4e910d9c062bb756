#!/usr/bin/env bash
# virtio-blk on the legacy (QEMU's default; GICv3) and modern (GICv2) virtio-mmio
# transports, with tests/apps/vblk: a 64 MiB disk the host fills with pattern pass 1
# is read and checked by the guest (requests in flight through pv_blk_submit/poll,
# and the sync helpers), overwritten with pass 2, flushed and read back; then the
# host checks every byte of the file. A read-only disk must be readable, reject
# writes with -EROFS and stay unchanged. Bad requests fail with -EINVAL; the queue
# takes exactly max_inflight.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$TAPPS/vblk.img
PAT=$TOP/tests/boot/blkpattern.pl
W=$TOUT/virtio-blk
mkdir -p "$W"

. "$TOP/tests/lib/vblk.sh"
per_boot=6	# exit, transport, capacity, read-only flag, no failures, host check
plan $((2 * (2 * per_boot + 2 * $(count $common) + $(count $rw_only) + $(count $ro_only))))

guest_checks() {	# id, check names...
	local id=$1
	shift
	for c in "$@"; do
		has_line "$id: $c" "$LOG" "check: $c: ok"
	done
}
boot_checks() {		# id, transport, disk, read-only flag
	is "$1: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
	has_match "$1: $2 transport" "$LOG" \
		"pvkit: virtio_mmio@[0-9a-f]+: virtio-blk, $2 interface, features 0x[0-9a-f]+"
	has_line "$1: capacity is the file size" "$LOG" \
		"vblk: capacity $(($(stat -c %s "$3") / 512)) sectors"
	has_line "$1: read-only flag" "$LOG" "vblk: read-only $4"
	has_line "$1: no failures" "$LOG" "vblk: 0 failures"
}

seed=100
for t in legacy modern; do
	opt=
	[ $t = modern ] && opt="--virtio-modern --gic 2"
	seed=$((seed + 11))

	disk=$W/rw-$t.img
	perl "$PAT" write "$disk" 131072 $seed 1
	boot "virtio-blk-$t-rw" $opt --disk "$disk" \
		--append "vblk.seed=$seed vblk.verify=1 vblk.write=2" "$IMG"
	boot_checks "$t rw" $t "$disk" 0
	guest_checks "$t rw" $common $rw_only
	is "$t rw: host reads pass 2 in every byte" "$(perl "$PAT" check "$disk" $seed 2)" \
		"ok 131072 sectors"

	disk=$W/ro-$t.img
	perl "$PAT" write "$disk" 16384 $seed 1
	sum=$(sha256sum <"$disk")
	boot "virtio-blk-$t-ro" $opt --disk-ro "$disk" \
		--append "vblk.seed=$seed vblk.verify=1 vblk.ro=1" "$IMG"
	boot_checks "$t ro" $t "$disk" 1
	guest_checks "$t ro" $common $ro_only
	is "$t ro: file unchanged" "$(sha256sum <"$disk")" "$sum"
	rm -f "$W"/*-$t.img
done
