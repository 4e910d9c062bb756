#!/usr/bin/env bash
# The httpd and kvstore images of the bare-QEMU tests, unchanged, as domains on the
# pvkit hyp with xenbus devices (netfront -> netback -> switch -> uplink on the hyp's
# host virtio-net -> QEMU user networking; blkfront -> blkback -> host virtio-blk):
#   1. `make run`'s demo (scripts/run-demo): curl and redis-cli reach it at the
#      printed addresses, and Ctrl-C powers every domain off cleanly;
#   2. two httpd domains and a kvstore domain at once (dts/hyp/apps.dts): files come
#      back byte for byte, and every SET acknowledged before QEMU is SIGKILLed is there
#      after a restart on the same disk.
. "$(dirname "$0")/../lib/tap.sh"
. "$TOP/tests/lib/net.sh"
plan 19

work=$(mktemp -d)
at_exit "rm -rf $work"

# --- 1. the demo ---------------------------------------------------------------------
LOG=$LOGS/hyp-demo.log
: >"$LOG"
fifo=$work/demo.fifo
mkfifo "$fifo"
( timeout 300 "$TOP/scripts/run-demo" --port "$(free_port)" --disk "$work/demo.disk" \
	<"$fifo" >"$LOG" 2>&1; echo $? >"$work/demo.rc" ) &
VM_PID=$!
exec 7>"$fifo"
at_exit "exec 7>&-"
ok "demo: httpd serves" wait_log "$LOG" '^\(d1\) pvkit: httpd: serving' 120
ok "demo: kvstore listens" wait_log "$LOG" '^\(d2\) pvkit: kvstore: listening' 60
hp=$(tr -d '\r' <"$LOG" | sed -n 's|.*curl http://127.0.0.1:\([0-9]*\)/.*|\1|p' | head -1)
kp=$(tr -d '\r' <"$LOG" | sed -n 's|.*redis-cli -p \([0-9]*\) set.*|\1|p' | head -1)
is "demo: GET / through the hyp's uplink" \
	"$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$hp/")" 200
is "demo: redis-cli SET, GET" \
	"$(redis-cli -p "$kp" SET demo yes; redis-cli -p "$kp" GET demo)" "$(printf 'OK\nyes')"
printf '\003' >&7
wait "$VM_PID"
tr -d '\r' <"$LOG" >"$LOG.txt"
for d in "d1 (httpd)" "d2 (kvstore)" "d3 (ticker)"; do
	has_line "demo: Ctrl-C: $d asked" "$LOG.txt" "(hyp) $d: asked to power off"
	has_line "demo: $d powered off" "$LOG.txt" "(hyp) $d: powered off"
done
is "demo: the run ends with status 0" "$(cat "$work/demo.rc")" 0

# --- 2. two httpd domains and a kvstore --------------------------------------------
site=$work/site
mkdir -p "$site/sub"
head -c 612 /dev/urandom | base64 -w 0 | head -c 612 >"$site/index.html"
head -c 70000 /dev/urandom >"$site/sub/data.bin"
head -c 300000 /dev/urandom >"$site/big.bin"
tar --format=ustar -C "$site" -cf "$work/site.img" .
kvdisk=$work/kv.img
truncate -s 64M "$kvdisk"
h1=$(free_port) h2=$(free_port) kv=$(free_port)
net="user,hostfwd=tcp:127.0.0.1:$h1-10.0.2.15:80,hostfwd=tcp:127.0.0.1:$h2-10.0.2.16:80"
net="$net,hostfwd=tcp:127.0.0.1:$kv-10.0.2.17:6379"
boot_apps() {	# NAME
	LOG=$LOGS/hyp-apps-$1.log
	: >"$LOG"
	"$TOP/scripts/hyp-run" --timeout 300 --out "$TOUT/hyp" --disk "$work/site.img,ro" \
		--disk "$kvdisk" --net "$net" "$TOP/dts/hyp/apps.dts" </dev/null >"$LOG" 2>&1 &
	VM_PID=$!
	at_exit "vm_kill $VM_PID"
	wait_log "$LOG" '^\(d1\) pvkit: httpd: serving 3 files' 120 &&
		wait_log "$LOG" '^\(d2\) pvkit: httpd: serving' 60 &&
		wait_log "$LOG" '^\(d3\) pvkit: kvstore: listening' 60
}
ok "apps: three service domains up" boot_apps 1
for f in index.html sub/data.bin big.bin; do
	is "apps: httpd1 GET /$f: SHA-256 matches" \
		"$(curl -sf --max-time 30 "http://127.0.0.1:$h1/$f" | sha256sum)" "$(sha256sum <"$site/$f")"
done
is "apps: httpd2 answers beside it" \
	"$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$h2/")" 200
seq 500 | awk '{ k = "hk" $1; printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n",
	length(k), k, length("v" $1), "v" $1 }' >"$work/burst"
is "apps: 500 SETs acknowledged" "$(redis-cli -p "$kv" --pipe <"$work/burst" 2>&1 | tail -1)" \
	"errors: 0, replies: 500"
vm_kill9 "$VM_PID"	# QEMU, the hyp and every domain gone at once
ok "apps: restarts on the same disks" boot_apps 2
got=$(seq 500 | sed 's/^/hk/' | xargs redis-cli -p "$kv" MGET | grep -c '^v')
is "apps: every acknowledged key survived the SIGKILL" "$got" 500
vm_kill9 "$VM_PID"
