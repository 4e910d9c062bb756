#!/usr/bin/env bash
# A guest that lies on its blkif ring (tests/apps/xen-hostile, bootarg hostile.blkif;
# dts/hyp/xenblk-hostile.dts), against blkback on host disks: bogus grant references,
# bad segments, sectors beyond its range, unknown operations, each answered with the
# documented status and reaching neither the disk nor its memory; a valid read and
# write after them; then a request producer 1000 requests ahead, after which the hyp
# stops serving that ring and says so. A second hostile domain writes to its
# read-only vbd. tests/apps/vblk runs beside them on a third disk and finishes intact.
. "$(dirname "$0")/../lib/tap.sh"
PAT=$TOP/tests/boot/blkpattern.pl
W=$TOUT/xenblk-hostile
mkdir -p "$W"

# what | op | blkback's logged reason (empty: refused by the grant copy, not logged)
refused="READ into grant ref 99999 (beyond the table)|0|grant reference out of range
WRITE from grant ref 99999|1|grant reference out of range
READ into grant ref 5 (never granted)|0|
WRITE from a revoked grant|1|
READ into a grant made to another domain|0|
WRITE from a grant made to another domain|1|
READ into a read-only grant|0|
segment first_sect 4 > last_sect 3|1|segment sectors not 0 <= first <= last <= 7
segment last_sect 8|1|segment sectors not 0 <= first <= last <= 7
nr_segments 0|1|nr_segments not 1..11
nr_segments 12|1|nr_segments not 1..11
nr_segments 255|1|nr_segments not 1..11
WRITE at the sector after the vbd|1|sectors beyond the disk
WRITE of 8 sectors over the vbd's end|1|sectors beyond the disk
WRITE at sector 2^64-1 (wraps)|1|sectors beyond the disk
READ at the sector after the vbd|0|sectors beyond the disk
operation 5|5|unknown operation
operation 6|6|unknown operation
operation 200|200|unknown operation"
plan $((1 + 2 * 19 - 4 + 10 + 5 + 3))

# stamp FILE SECTORS: every sector holds its number in each 64-bit little-endian word
# (what xen-hostile's reads check); with "mine FIRST", sectors FIRST..FIRST+7 hold what
# its valid write puts there instead.
stamp() {
	perl -e 'my ($n, $m) = @ARGV;
		for my $s (0 .. $n - 1) {
			my $k = $s - ($m // -100);
			print $k >= 0 && $k < 8 ? pack("Q<", 0x484f5354494c4500 | $k) x 64 :
				pack("Q<", $s) x 64;
		}' "$@"
}
stamp 16384 >"$W/hostile.img"
stamp 2048 >"$W/ro.img"
perl "$PAT" write "$W/vblk.img" 8192 211 1
want_sum=$(stamp 16384 $((4096 + 16)) | sha256sum)
ro_sum=$(sha256sum <"$W/ro.img")

LOG=$LOGS/xenblk-hostile.log
"$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-120}" --out "$TOUT/hyp" \
	--disk "$W/hostile.img" --disk "$W/ro.img" --disk "$W/vblk.img" \
	"$TOP/dts/hyp/xenblk-hostile.dts" </dev/null 2>&1 | tr -d '\r' >"$LOG"
is "hyp: exit status 0 (no domain crashed)" "${PIPESTATUS[0]}" 0

# --- d1: a range of host disk 0, read-write --------------------------------------------
# rsp_line DOM WHAT: the guest's line for that request, whatever its id.
rsp_line() {
	grep -F "($1) hostile: blkif request " "$LOG" | awk -v w="$2: got " '{
		rest = $0
		sub(/^\([^)]*\) hostile: blkif request 0x[0-9a-f]+: /, "", rest)
		if (index(rest, w) == 1) { print; exit }
	}'
}
while IFS='|' read -r what op reason; do
	want=-1
	[ "$op" -gt 1 ] && want=-2	# BLKIF_RSP_EOPNOTSUPP
	line=$(rsp_line d1 "$what")
	id=$(echo "$line" | sed -n 's/^(d1) hostile: blkif request \(0x[0-9a-f]*\): .*/\1/p')
	is "refused: $what" "$line" "(d1) hostile: blkif request ${id:-?}: $what: got $want, want $want"
	[ -n "$reason" ] && has_line "blkback says why: $what" "$LOG" \
		"(hyp) d1 (hostile): blkif request ${id:-?} (op $op): $reason"
done <<<"$refused"
has_line "a read-only grant is not written by a READ" "$LOG" \
	"(d1) hostile: blkif read-only granted page after the READ: unchanged"
has_line "a valid read after them, from the start of the range" "$LOG" \
	"(d1) hostile: blkif valid READ of sectors 0-7: status 0, host sectors 4096-4103"
has_match "a valid write after them" "$LOG" \
	'\(d1\) hostile: blkif request 0x[0-9a-f]+: valid WRITE of sectors 16-23: got 0, want 0'
has_match "hyp: the lying ring is stopped, and said so" "$LOG" \
	'\(hyp\) d1 \(hostile\): blkif ring: request producer 0x[0-9a-f]+ is 1000 requests past the last response 0x[0-9a-f]+ \(at most 32\): the ring is no longer served'
has_line "the ring is not served after that" "$LOG" \
	"(d1) hostile: blkif ring after a producer 1000 requests ahead: no longer served"
has_line "hostile: every check as expected" "$LOG" "(d1) hostile: 23 of 23 blkif checks as expected"
has_line "hostile: exits 0" "$LOG" "(d1) pvkit: exit status 0"
has_line "hostile: powered off" "$LOG" "(hyp) d1 (hostile): powered off"
lacks_match "no check failed" "$LOG" '.*\(FAILED\)'
# Every rejected write aimed at sectors 0-7 of the range, or just past it, or wrapped:
# the file is the stamp everywhere but for the valid write.
is "host disk 0: changed only by the valid write" "$(sha256sum <"$W/hostile.img")" "$want_sum"
# --- d2: host disk 1, read-only vbd ----------------------------------------------------
like_ro() { has_line "$1" "$LOG" "(d2) hostile: $2"; }
like_ro "read-only vbd connects read-only" "vbd connected: 2048 sectors, read-only"
line=$(rsp_line d2 "WRITE on a read-only vbd")
id=$(echo "$line" | sed -n 's/^(d2) hostile: blkif request \(0x[0-9a-f]*\): .*/\1/p')
is "WRITE on a read-only vbd: error" "$line" \
	"(d2) hostile: blkif request ${id:-?}: WRITE on a read-only vbd: got -1, want -1"
has_line "blkback says why: write on a read-only vbd" "$LOG" \
	"(hyp) d2 (hostile-ro): blkif request ${id:-?} (op 1): write on a read-only disk"
like_ro "read-only vbd: a valid read after it" \
	"blkif valid READ of sectors 0-7: status 0, host sectors 0-7"
has_line "read-only: exits 0" "$LOG" "(d2) pvkit: exit status 0"
is "host disk 1: unchanged" "$(sha256sum <"$W/ro.img")" "$ro_sum"

# --- d3: vblk beside them --------------------------------------------------------------
has_line "vblk beside them: no failures" "$LOG" "(d3) vblk: 0 failures"
has_line "vblk beside them: exits 0" "$LOG" "(d3) pvkit: exit status 0"
is "vblk beside them: host reads pass 2 in every byte" \
	"$(perl "$PAT" check "$W/vblk.img" 211 2)" "ok 8192 sectors"
rm -f "$W"/*.img
