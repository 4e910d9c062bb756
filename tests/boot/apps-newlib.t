#!/usr/bin/env bash
# httpd and kvstore built against newlib (build/newlib/apps): a smoke test of each,
# plus httpd's built-in page (no disk) and kvstore without a disk (memory only, on
# -cpu max, whose pointer authentication the other runs leave out).
. "$(dirname "$0")/../lib/tap.sh"
. "$TOP/tests/lib/net.sh"
NAPPS=$TOP/build/newlib/apps
plan 12

work=$(mktemp -d)
at_exit "rm -rf $work"
mkdir -p "$work/site"
head -c 5000 /dev/urandom >"$work/site/file.bin"
tar --format=ustar -C "$work/site" -cf "$work/site.img" .

# httpd: a file from the disk, then the built-in page without one
port=$(free_port)
vm_start httpd-newlib --disk "$work/site.img" --fwd "$port:80" "$NAPPS/httpd.img"
ok "newlib httpd serves the disk" wait_log "$LOG" 'httpd: serving 1 files from' 60
is "newlib httpd: GET matches" "$(curl -sf --max-time 10 http://127.0.0.1:$port/file.bin | sha256sum)" \
	"$(sha256sum <"$work/site/file.bin")"
is "newlib httpd: 404" "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/x)" 404
vm_stop "$VM_PID"
no_crash "newlib httpd: no crash" "$LOG"
vm_start httpd-builtin --fwd "$port:80" "$NAPPS/httpd.img"
ok "without a disk: the built-in page" wait_log "$LOG" 'httpd: serving the built-in page' 60
ok "which says what it is" sh -c "curl -sf --max-time 10 http://127.0.0.1:$port/ | grep -q 'pvkit httpd'"
vm_stop "$VM_PID"

# kvstore: a write survives a restart; without a disk it still serves
truncate -s 8M "$work/kv.img"
vm_start kvstore-newlib --disk "$work/kv.img" --fwd "$port:6379" "$NAPPS/kvstore.img"
ok "newlib kvstore starts" wait_log "$LOG" 'kvstore: listening' 60
is "newlib kvstore: SET" "$(redis-cli -p "$port" SET k v)" OK
vm_stop "$VM_PID"
vm_start kvstore-newlib-2 --disk "$work/kv.img" --fwd "$port:6379" "$NAPPS/kvstore.img"
wait_log "$LOG" 'kvstore: listening' 60
is "newlib kvstore: the value after a restart" "$(redis-cli -p "$port" GET k)" v
vm_stop "$VM_PID"
no_crash "newlib kvstore: no crash" "$LOG"
vm_start kvstore-nodisk --cpu max --fwd "$port:6379" "$NAPPS/kvstore.img"
wait_log "$LOG" 'kvstore: listening' 60
is "kvstore without a disk: memory only" "$(redis-cli -p "$port" SET a b; redis-cli -p "$port" GET a)" \
	"$(printf 'OK\nb')"
ok "and says so" wait_log "$LOG" 'kvstore: no disk: the data lives in memory only' 1
vm_stop "$VM_PID"
