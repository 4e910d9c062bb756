#!/usr/bin/env bash
# The Xen PV services of the pvkit hyp (issue 6, first half), end to end:
#  1. two domains on the PV console (pvkit,console = "xen", no UART in their DT) use
#     event channels (to themselves and to each other), a grant (GNTTABOP_copy in and
#     out) and xenstore (reads, writes, directories, permissions, watches,
#     transactions) with each other; a line typed on the hyp's UART reaches one of
#     them through the xencons ring; a vpl011 hello runs beside them unchanged;
#  2. a hostile domain is refused every grant, port, domain, offset and length it has
#     no right to, and its lying xenstore and console rings are stopped, while the
#     pair runs beside it with intact output.
. "$(dirname "$0")/../lib/tap.sh"
plan 63

W=$TOUT/xen
mkdir -p "$W"

# hyp NAME CONFIG [LINE-TO-WAIT-FOR TEXT-TO-TYPE]: boots the config with the console in
# $LOGS/hyp-NAME.log; once LINE appears there, TEXT is typed on the UART.
hyp() {
	local name=$1 cfg=$2 prompt=${3:-} text=${4:-}
	LOG=$LOGS/hyp-$name.log
	rm -f "$W/in" "$W/rc"
	mkfifo "$W/in"
	( "$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-120}" \
		--out "$TOUT/hyp" "$TOP/dts/hyp/$cfg.dts" <"$W/in" 2>&1 | sed -u 's/\r//g' >"$LOG"
	  echo "${PIPESTATUS[0]}" >"$W/rc" ) &
	exec 3>"$W/in"
	if [ -n "$prompt" ]; then
		until grep -qxF -- "$prompt" "$LOG" 2>/dev/null || [ -f "$W/rc" ]; do
			sleep 0.2
		done
		printf '%s' "$text" >&3
	fi
	wait
	exec 3>&-
	RC=$(cat "$W/rc")
}
ended() {	# dN name how
	has_line "$1 ($2): hyp reports $3" "$LOG" "(hyp) $1 ($2): $3"
}
pv() {	# dN line: a xenpv line of that domain
	has_line "$1: $2" "$LOG" "($1) xenpv: $2"
}

# --- 1. the pair -----------------------------------------------------------------------
hyp xenpv xenpv "(d1) xenpv: input: type a line" $'ping\r'
is "pair: exit status 0 (no crash)" "$RC" 0
for d in "d1 1" "d2 2"; do
	set -- $d
	pv "$1" "console: no UART in the DT"
	pv "$1" "ipi: 100 of 100 events to itself"
	pv "$1" "domid: $2"
	pv "$1" "write/read: hello"
	pv "$1" "directory: 4 bytes: a b"
	pv "$1" "perms: owner n$2"
	pv "$1" "missing node: ENOENT"
	pv "$1" "transaction: invisible outside, then committed"
	pv "$1" "abort: value stays committed"
	pv "$1" "0 failed"
done
has_match "alpha offers a port and a grant" "$LOG" '\(d1\) xenpv: offer: port [0-9]+, grant [0-9]+ to d2'
pv d1 "publish: data/shared/port, ref, state = Connected (perms n1 r2)"
has_match "beta finds them through xenstore (wait on a watch)" "$LOG" '\(d2\) xenpv: found the offer: state 4, port [0-9]+, grant [0-9]+'
pv d2 "peer's private node: EACCES"
pv d2 "write into the peer's tree: EACCES"
pv d2 "list the peer's tree: EACCES"
pv d2 "interdomain: 50 of 50 round trips with d1"
pv d1 "events: 50 of 50 from d2, each answered"
pv d2 "grant copy in: status 0, 4096 of 4096 bytes"
pv d2 "grant copy out: status 0"
pv d1 "granted page: 2048 of 2048 bytes of mine intact and 2048 of d2's written"
has_match "alpha revokes the grant" "$LOG" '\(d1\) xenpv: revoke: grant [0-9]+ ended \(0\)'
pv d1 "input: got 'ping'"
lacks_match "pair: no check failed" "$LOG" '.*\(FAILED\)'
has_line "hello on its vpl011 beside them" "$LOG" "(d3) hypervisor: pvkit (xen 4.17, DT says 4.17)"
has_line "hello exits 0" "$LOG" "(d3) pvkit: exit status 0"
ended d1 alpha "powered off"
ended d2 beta "powered off"

# --- 2. the hostile guest --------------------------------------------------------------
hyp hostile xenhostile
is "hostile: exit status 0 (nobody crashed)" "$RC" 0
h() {	# what got: a refusal the hostile guest reports
	has_line "hostile: $1" "$LOG" "(d3) hostile: $1: got $2, want $2"
}
h "grant copy from ref 99999" -3
h "grant copy from a grant made to d1" -1
h "grant copy from domain 9 (none)" -2
h "grant copy from d1's frame without a grant" -8
h "grant copy across the page end" -10
h "grant copy batch of 1000" -22
h "send on port 200 (not mine)" -22
h "unmask port 9999" -22
h "status of d1's port" -1
h "alloc_unbound in d1" -1
h "FIFO init_control" -38
h "grant frame mapped over my RAM" -22
has_line "hostile: oversized xenstore request" "$LOG" "(d3) hostile: xenstore request of 5000 bytes: got XS_ERROR E2BIG, want XS_ERROR E2BIG"
has_line "hostile: malformed xenstore request" "$LOG" "(d3) hostile: xenstore path without NUL: got XS_ERROR EINVAL, want XS_ERROR EINVAL"
has_line "hostile: xenstore serves it after both" "$LOG" "(d3) hostile: xenstore after both: still served"
h "another domain's private node" -13
has_match "hyp: the lying xenstore ring is stopped, and said so" "$LOG" '\(hyp\) d3 \(hostile\): xenstore ring: a guest index is beyond the ring .*: the ring is no longer served'
h "xenstore ring error field after a bogus producer" 2
n=$(sed -n 's/^(d3) hostile: \([0-9]*\) of \([0-9]*\) refused as expected$/\1 \2/p' "$LOG")
set -- $n
ok "hostile: every check refused as expected (${1:-?} of ${2:-?})" test -n "$n" -a "${1:-0}" = "${2:-1}"
has_match "hyp: the lying console ring is stopped, and said so" "$LOG" '\(hyp\) d3 \(hostile\): console ring: output producer index 0x[0-9a-f]+ is 10000 bytes from the hyp.s 0x[0-9a-f]+ \(at most 2048\): the ring is no longer served'
ended d3 hostile "powered off"
pv d1 "0 failed"
pv d2 "0 failed"
