#!/usr/bin/env bash
# Block I/O on the hyp: tests/apps/vblk (the same image and checks as virtio-blk.t)
# runs in three domains over blkfront -> blkback -> the host virtio-blk disks the hyp
# drives (dts/hyp/xenblk.dts): a whole disk read-write (pass 1 read and checked,
# pass 2 written, flushed, read back), a read-only disk (writes -EROFS, file
# unchanged), and a 8192-sector range of a third disk (only the range changes). The
# host checks every byte of each file afterwards. Two more domains name a missing host
# disk and a range beyond one: each is not started, with that reason and no other.
. "$(dirname "$0")/../lib/tap.sh"
PAT=$TOP/tests/boot/blkpattern.pl
W=$TOUT/xenblk
mkdir -p "$W"

. "$TOP/tests/lib/vblk.sh"
per_dom=5	# exit, name, capacity, read-only flag, no failures
plan $((1 + 3 * per_dom + 3 * $(count $common) + 2 * $(count $rw_only) + \
	$(count $ro_only) + 4 + 3))

guest_checks() {	# dN, check names...
	local d=$1
	shift
	for c in "$@"; do
		has_line "$d: $c" "$LOG" "($d) check: $c: ok"
	done
}
dom_checks() {		# dN, name, sectors, read-only flag
	has_line "$1 ($2): exits 0" "$LOG" "($1) pvkit: exit status 0"
	has_line "$1 ($2): blkfront xvda" "$LOG" "($1) vblk: name xvda"
	has_line "$1 ($2): capacity" "$LOG" "($1) vblk: capacity $3 sectors"
	has_line "$1 ($2): read-only flag" "$LOG" "($1) vblk: read-only $4"
	has_line "$1 ($2): no failures" "$LOG" "($1) vblk: 0 failures"
}

# Host disks 0-2: pattern pass 1 (seeds as in xenblk.dts); disk 2 holds pass 7 of
# another seed around the range, which must stay as it is.
perl "$PAT" write "$W/rw.img" 32768 211 1
perl "$PAT" write "$W/ro.img" 16384 212 1
perl "$PAT" write "$W/range.img" 8192 213 1
perl "$PAT" write "$W/d2.img" 16384 99 7
dd if="$W/range.img" of="$W/d2.img" bs=512 seek=4096 conv=notrunc status=none
ro_sum=$(sha256sum <"$W/ro.img")
outside() { { head -c $((4096 * 512)) "$W/d2.img"; tail -c $((4096 * 512)) "$W/d2.img"; } |
	sha256sum; }
out_sum=$(outside)

LOG=$LOGS/xenblk.log
"$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-180}" --out "$TOUT/hyp" \
	--disk "$W/rw.img" --disk "$W/ro.img" --disk "$W/d2.img" \
	"$TOP/dts/hyp/xenblk.dts" </dev/null 2>&1 | tr -d '\r' >"$LOG"
is "hyp: exit status 0 (no domain crashed)" "${PIPESTATUS[0]}" 0

dom_checks d1 rw 32768 0
guest_checks d1 $common $rw_only
dom_checks d2 ro 16384 1
guest_checks d2 $common $ro_only
dom_checks d3 range 8192 0
guest_checks d3 $common $rw_only

has_line "missing host disk: not started, with the reason" "$LOG" \
	'(hyp) d4 (nodisk): not started: property "pvkit,disk" = "virtio-blk7": no such host disk (scripts/hyp-run --disk)'
has_line "range beyond the disk: not started, with the reason" "$LOG" \
	'(hyp) d5 (badrange): not started: property "pvkit,disk-range" = 16000+1000: beyond virtio-blk1 (16384 sectors)'
lacks_match "no misleading second reason" "$LOG" '.*(out of memory|nodisk\): property|badrange\): property).*'

is "rw: host reads pass 2 in every byte" "$(perl "$PAT" check "$W/rw.img" 211 2)" \
	"ok 32768 sectors"
is "ro: file unchanged" "$(sha256sum <"$W/ro.img")" "$ro_sum"
dd if="$W/d2.img" of="$W/range.img" bs=512 skip=4096 count=8192 status=none
is "range: host reads pass 2 in every byte of the range" \
	"$(perl "$PAT" check "$W/range.img" 213 2)" "ok 8192 sectors"
is "range: the disk outside the range unchanged" "$(outside)" "$out_sum"
rm -f "$W"/*.img
