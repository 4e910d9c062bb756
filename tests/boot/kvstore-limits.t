#!/usr/bin/env bash
# kvstore at its limits: a 1 MiB disk whose log must be compacted again and again
# while clients write (data intact across a restart), the memory budget (OOM errors,
# reads and deletes still work), oversized keys, and redis-benchmark's own run.
. "$(dirname "$0")/../lib/tap.sh"
. "$TOP/tests/lib/net.sh"
IMG=$APPS/kvstore.img
plan 14

work=$(mktemp -d)
at_exit "rm -rf $work"
disk=$work/kv.img
truncate -s 1M "$disk"
port=$(free_port)
cli() { redis-cli -p "$port" "$@"; }
boot_kv() {	# NAME [bootargs]
	vm_start "$1" --disk "$disk" --fwd "$port:6379" ${2:+--append "$2"} "$IMG"
	wait_log "$LOG" 'kvstore: listening on port 6379' 60
}

ok "starts on a 1 MiB disk" boot_kv kvstore-small
# 5 rounds over 200 keys with 1 KiB values, from 2 clients at once, plus appends:
# about 1.1 MB of log through regions of 510 KiB
val=$(head -c 1000 /dev/zero | tr '\0' v)
for r in 1 2 3 4 5; do
	pids=()
	for c in 1 2; do
		seq $((c * 100 - 99)) $((c * 100)) | awk -v r=$r -v v="$val" '{
			k = "key" $1; x = r v
			printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, length(x), x
			a = "app" $1
			printf "*3\r\n$6\r\nAPPEND\r\n$%d\r\n%s\r\n$1\r\n%d\r\n", length(a), a, r }' \
			>"$work/round$r-$c"
		cli --pipe <"$work/round$r-$c" >"$work/round$r-$c.out" 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"	# not the VM, which is a background job too
done
is "1,000 SETs and 1,000 APPENDs acknowledged" \
	"$(cat "$work"/round*.out | grep -c 'errors: 0, replies: 200')" 10
ok "the log was compacted" wait_log "$LOG" 'kvstore: .*log compacted into region' 1
compactions=$(cli INFO persistence | tr -d '\r' | sed -n 's/^log_compactions://p')
ok "more than once ($compactions)" test "${compactions:-0}" -ge 2
is "the last round's values" "$(cli GET key7 | head -c 2) $(cli GET key200 | wc -c)" "5v 1002"
is "the appends, each once" "$(cli GET app1) $(cli GET app200)" "12345 12345"
vm_stop "$VM_PID"
ok "restarts" boot_kv kvstore-small-2
is "after the restart: the same data" \
	"$(cli DBSIZE) $(cli GET key150 | head -c 2) $(cli GET app99)" "400 5v 12345"
vm_stop "$VM_PID"

# the memory budget: writes fail with OOM, reads and deletes do not
: >"$disk"
truncate -s 8M "$disk"
ok "starts with maxmemory=100k" boot_kv kvstore-oom "maxmemory=100k"
n=0
while [ $n -lt 500 ] && [ "$(cli SET "fill$n" "$val")" = OK ]; do n=$((n + 1)); done
is "writes past the budget get OOM" "$(cli SET more "$val")" \
	"OOM command not allowed when used memory > 'maxmemory'."
is "reads still work" "$(cli GET fill0 | head -c 1)" "v"
is "a delete frees room for a write" "$(cli DEL fill0 fill1; cli SET more "$val")" "$(printf '2\nOK')"
is "an oversized key is refused" "$(cli GET "$(head -c 2000 /dev/zero | tr '\0' k)")" \
	"ERR key is too long (2000 bytes, the limit is 1024)"
cli FLUSHALL >/dev/null
redis-benchmark -p "$port" -n 2000 -c 4 -t set,get --csv >"$work/bench.csv" 2>&1
ok "redis-benchmark runs against it" grep -qE '^"GET","[0-9.]+"' "$work/bench.csv"
vm_stop "$VM_PID"
