#!/usr/bin/env bash
# A guest that lies on its netif rings (tests/apps/xen-hostile, bootarg hostile.netif;
# dts/hyp/xennet-hostile.dts) against netback, beside the tests/apps/netpair pair on
# the same switch: transmit requests with bogus grants, offsets and sizes, each
# answered NETIF_RSP_ERROR on every slot; valid ARP exchanges with the pair's server
# after them and a UDP datagram the server waits for (netpair.byes=2); receive buffers with bogus grants (frames to it dropped and counted); a
# frame with a forged source (dropped, counted); then a producer 1000 requests ahead,
# after which netback stops serving that ring and says so. A second one
# (hostile.netif=chain) sends a more_data chain longer than XEN_NETIF_NR_SLOTS_MIN,
# which netback documents as fatal to the ring. The pair finishes its UDP round trips
# and TCP echo.
. "$(dirname "$0")/../lib/tap.sh"

# what | the reason netback logs (once per reason) for refusing it
refused="grant ref 99999 (beyond the table)|a grant reference beyond the granter's table
grant ref 5 (never granted)|a grant the copy refused
a revoked grant|a grant the copy refused
a grant made to another domain|a grant the copy refused
offset 4000 + size 200 (beyond the page)|a fragment's offset + size is beyond its page (4096)
offset 4095 + size 14|a fragment's offset + size is beyond its page (4096)
size 0|frame size outside 14..1514 bytes
size 13 (shorter than an Ethernet header)|frame size outside 14..1514 bytes
size 1515 (longer than 1514)|frame size outside 14..1514 bytes
size 65535|frame size outside 14..1514 bytes
second fragment at offset 4090 + size 20|a fragment's offset + size is beyond its page (4096)
first size 10 below the second fragment's 20|the first request's size is smaller than the other fragments
second fragment from grant ref 99999|a grant reference beyond the granter's table"
plan $((13 + 5 + 27))

LOG=$LOGS/xennet-hostile.log
"$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-120}" --out "$TOUT/hyp" \
	"$TOP/dts/hyp/xennet-hostile.dts" </dev/null 2>&1 | tr -d '\r' >"$LOG"
is "hyp: exit status 0 (no domain crashed)" "${PIPESTATUS[0]}" 0

# --- d3: lies on both rings ------------------------------------------------------------
h() { has_line "$1" "$LOG" "(d3) hostile: $2"; }
h "handshake by hand, the default MAC" "vif connected: mac 02:70:76:00:00:03"
while IFS='|' read -r what why; do
	h "tx refused: $what" "netif tx $what: got -1, want -1"
done <<<"$refused"
# Each reason once: the line shows which check refused (the grant copy would catch
# some of them too, and alone).
while read -r why; do
	has_line "netback says why: $why" "$LOG" \
		"(hyp) d3 vif: transmit: $why: answered NETIF_RSP_ERROR (each reason reported once)"
done < <(cut -d'|' -f2 <<<"$refused" | sort -u)
h "a valid frame after them: the peer replies" "netif valid ARP request after them: the peer replied"
h "a valid frame of 18 fragments (the most)" "netif tx valid frame in 18 fragments: got 0, want 0"
h "rx buffers with bad grants: each answered NETIF_RSP_ERROR" \
	"netif rx buffers with bad grants: 4 of 4 answered NETIF_RSP_ERROR"
h "a valid receive after them" "netif valid receive after them: the peer's reply came"
h "a forged source gets no reply" "netif ARP request from a forged source: no reply"
h "a valid UDP datagram to the peer" 'netif tx valid UDP datagram "bye" to the peer: got 0, want 0'
has_line "the peer got it" "$LOG" "(d1) netpair: bye from 192.168.7.3"
h "every valid transmit answered NETIF_RSP_OKAY" "netif valid transmits not answered NETIF_RSP_OKAY: 0"
has_match "hyp: the lying transmit ring is stopped, and said so" "$LOG" \
	'^\(hyp\) d3 vif: transmit ring: request producer out of range \(0x[0-9a-f]+, 0x[0-9a-f]+\): the ring is no longer served$'
h "the ring is not served after that" "netif tx ring after a producer 1000 requests ahead: no longer served"
# 13 refused; at least the 4 bad receive buffers dropped; exactly the one forged frame.
has_match "hyp: d3's counters: refused, dropped, forged" "$LOG" \
	'^\(hyp\) d3 vif: disconnected: sent [1-9][0-9]* frames \(13 refused\), received [0-9]+ \(([4-9]|[1-9][0-9]+) dropped: no buffer or a bad one\), 1 with a forged source$'
h "every check as expected" "21 of 21 netif checks as expected"
has_line "hostile: exits 0" "$LOG" "(d3) pvkit: exit status 0"

# --- d4: a chain past XEN_NETIF_NR_SLOTS_MIN -------------------------------------------
has_line "chain: a valid frame first" "$LOG" "(d4) hostile: netif tx valid frame before the chain: got 0, want 0"
has_match "hyp: the chain stops the ring, and said so" "$LOG" \
	'^\(hyp\) d4 vif: transmit ring: a frame continues beyond XEN_NETIF_NR_SLOTS_MIN \(18\) slots \(0x[0-9a-f]+, 0x[0-9a-f]+\): the ring is no longer served$'
has_line "chain: the ring is not served after it" "$LOG" \
	"(d4) hostile: netif tx ring after a more_data chain of 19 slots: no longer served"
has_line "chain: every check as expected" "$LOG" "(d4) hostile: 2 of 2 netif checks as expected"

# --- d1, d2: the pair beside them ------------------------------------------------------
has_line "pair: UDP round trips" "$LOG" "(d2) check: udp-pingpong: ok"
has_line "pair: TCP echo intact" "$LOG" "(d2) check: tcp-echo: ok"
has_line "pair: client 0 failed" "$LOG" "(d2) netpair: 0 failed"
has_line "pair: server saw the goodbye" "$LOG" "(d1) netpair: 0 failed"
has_match "pair: server's vif refused nothing, forged nothing" "$LOG" \
	'^\(hyp\) d1 vif: disconnected: sent [1-9][0-9]* frames \(0 refused\), .*, 0 with a forged source$'
has_match "pair: client's vif refused nothing, forged nothing" "$LOG" \
	'^\(hyp\) d2 vif: disconnected: sent [1-9][0-9]* frames \(0 refused\), .*, 0 with a forged source$'
lacks_match "only the two hostile rings stopped" "$LOG" '^\(hyp\) d[12] vif: .*no longer served'
lacks_match "no check failed" "$LOG" '.*FAIL.*'
