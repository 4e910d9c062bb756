#!/usr/bin/env bash
# 200 parallel connections to httpd with 16 connection slots (virtio-mmio version 2,
# where the other tests get QEMU's legacy default), over a tap device in a
# private network namespace (QEMU's user networking accepts with a backlog of 1):
# every client gets a complete 200 or a clean 503, none hangs or is reset, and the
# server serves normally afterwards.
. "$(dirname "$0")/../lib/tap.sh"
. "$TOP/tests/lib/net.sh"
IMG=$APPS/httpd.img
N=200
plan 8

ns=pvkit-httpd-$$
ok "network namespace with a tap device" netns_tap "$ns" tap0 10.77.0.1/24
NETNS=$ns vm_start httpd-burst --virtio-modern --tap tap0 --append "ip=10.77.0.2/24 gw=10.77.0.1 conns=16" "$IMG"
ok "httpd starts with a static address" wait_log "$LOG" 'httpd: serving .* 16 connection slots' 60
ok "the address comes from ip=" wait_log "$LOG" \
	'^pvkit: net: [^ ]+ 10\.77\.0\.2/24 gw 10\.77\.0\.1 \(static\)$' 1

work=$(mktemp -d)
at_exit "rm -rf $work"
# %{http_code} is 000 when no complete response arrived (reset, timeout)
seq $N | nsenter --net=/run/netns/"$ns" xargs -P $N -I{} \
	curl -s -o /dev/null --max-time 60 -w '%{http_code}\n' http://10.77.0.2/ \
	>"$work/codes" 2>/dev/null
ok200=$(grep -cx 200 "$work/codes")
ok503=$(grep -cx 503 "$work/codes")
other=$(grep -cvxE '200|503' "$work/codes")
echo "# $ok200 served, $ok503 refused with 503, $other other"
is "all $N clients answered: 200 or 503, nothing else" "$((ok200 + ok503)) $other" "$N 0"
is "afterwards a request is served" \
	"$(nsenter --net=/run/netns/"$ns" curl -s -o /dev/null --max-time 20 -w '%{http_code}' http://10.77.0.2/)" 200

# every slot held by an idle connection: a new one gets a complete 503 at once
holders=()
for i in $(seq 16); do
	sleep 9 | nsenter --net=/run/netns/"$ns" nc 10.77.0.2 80 >/dev/null 2>&1 &
	holders+=($!)
done
# (until the holders are all connected, a request may still find a free slot)
for _ in $(seq 40); do
	out=$(nsenter --net=/run/netns/"$ns" curl -s --max-time 20 -w ' %{http_code}' http://10.77.0.2/)
	[ "${out##* }" = 503 ] && break
	sleep 0.25
done
is "all slots busy: 503 with its body" "$out" \
	"<!DOCTYPE html>
<h1>503 Service Unavailable</h1>
 503"
kill "${holders[@]}" 2>/dev/null
wait "${holders[@]}" 2>/dev/null
is "slots free again: served" \
	"$(nsenter --net=/run/netns/"$ns" curl -s -o /dev/null --max-time 30 --retry 5 --retry-delay 1 \
		-w '%{http_code}' http://10.77.0.2/)" 200
vm_stop "$VM_PID"
no_crash "no crash or error on the console" "$LOG"
