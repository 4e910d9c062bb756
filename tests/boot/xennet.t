#!/usr/bin/env bash
# Xen PV networking on the pvkit hyp: two domains with a vif each (netfront ->
# netback -> the hyp's switch -> netback -> netfront) talk through lwIP with static
# addresses (tests/apps/netpair, dts/hyp/xennet.dts): MACs from xenstore (one given
# in the config, one derived from the domain id), UDP round trips, a TCP echo
# checked byte for byte; both end cleanly and the hyp reports each vif's counters.
. "$(dirname "$0")/../lib/tap.sh"
plan 13

LOG=$LOGS/hyp-xennet.log
"$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-120}" --out "$TOUT/hyp" \
	"$TOP/dts/hyp/xennet.dts" </dev/null 2>&1 | sed -u 's/\r//g' >"$LOG"
is "exit status 0 (no crash)" "${PIPESTATUS[0]}" 0
has_line "server's MAC is the configured one" "$LOG" "(d1) pvkit: vif0: mac 02:00:00:00:00:01 mtu 1500"
has_line "client's MAC is derived from its domain id" "$LOG" "(d2) pvkit: vif0: mac 02:70:76:00:00:02 mtu 1500"
has_line "server's address" "$LOG" "(d1) pvkit: net: vif0 192.168.7.1/24 gw 0.0.0.0 (static)"
has_line "client's address" "$LOG" "(d2) pvkit: net: vif0 192.168.7.2/24 gw 0.0.0.0 (static)"
has_line "UDP round trips across the switch" "$LOG" "(d2) check: udp-pingpong: ok"
has_line "TCP connection across the switch" "$LOG" "(d2) check: tcp-connect: ok"
has_line "TCP echo intact" "$LOG" "(d2) check: tcp-echo: ok"
has_line "client: 0 failed" "$LOG" "(d2) netpair: 0 failed"
has_line "server saw the goodbye" "$LOG" "(d1) netpair: 0 failed"
has_match "hyp: server's vif counters on disconnect" "$LOG" '\(hyp\) d1 vif: disconnected: sent [1-9][0-9]* frames \(0 refused\).*'
has_match "hyp: client's vif counters on disconnect" "$LOG" '\(hyp\) d2 vif: disconnected: sent [1-9][0-9]* frames \(0 refused\).*'
lacks_match "no ring stopped" "$LOG" 'no longer served'
