#!/usr/bin/env bash
# kvstore with redis-cli over QEMU user networking, on a blank 64 MiB disk: command
# round trips, 10,000 pipelined commands, errors that leave the connection usable,
# then restarts: a clean one, one after SIGKILL right after acknowledged writes,
# and one with a corrupted log tail.
. "$(dirname "$0")/../lib/tap.sh"
. "$TOP/tests/lib/net.sh"
IMG=${KV_IMG:-$APPS/kvstore.img}
plan 38

work=$(mktemp -d)
at_exit "rm -rf $work"
disk=$work/kv.img
truncate -s 64M "$disk"
port=$(free_port)
cli() { redis-cli -p "$port" "$@"; }
boot_kv() {	# NAME [extra bootargs]
	vm_start "$1" --disk "$disk" --fwd "$port:6379" --append "maxvalue=4096 ${2:-}" "$IMG"
	wait_log "$LOG" 'kvstore: listening on port 6379' 60
}

ok "kvstore starts on a blank disk" boot_kv kvstore-1
ok "and formats it" wait_log "$LOG" 'kvstore: .*formatted a blank disk' 1

# round trips
is "PING" "$(cli PING)" "PONG"
is "SET" "$(cli SET greeting hello)" "OK"
is "GET" "$(cli GET greeting)" "hello"
is "INCR x3" "$(cli INCR n; cli INCR n; cli INCRBY n 40)" "$(printf '1\n2\n42')"
is "DEL" "$(cli DEL greeting nothing)" "1"
is "GET after DEL" "$(cli GET greeting)" ""
cli SET t v EX 100 >/dev/null
ttl=$(cli TTL t)
ok "SET with EX: TTL counts down from 100 ($ttl)" test "$ttl" -ge 90 -a "$ttl" -le 100
is "EXPIRE" "$(cli SET e v; cli EXPIRE e 1)" "$(printf 'OK\n1')"
gone() { for _ in $(seq 100); do [ "$(cli EXISTS e)" = 0 ] && return 0; sleep 0.1; done; return 1; }
ok "the key expires" gone
is "MSET, MGET" "$( (cli MSET a 1 b 2; cli MGET a b c) | tr '\n' ' ')" "OK 1 2  "

# 10,000 pipelined commands in one stream
seq 10000 | awk '{ printf "*3\r\n$3\r\nSET\r\n$%d\r\nk%d\r\n$%d\r\nv%d\r\n",
	length("k" $1), $1, length("v" $1), $1 }' >"$work/pipe"
is "10,000 pipelined SETs, all acknowledged" \
	"$(cli --pipe <"$work/pipe" 2>&1 | tail -1)" "errors: 0, replies: 10000"
is "the 10,000 keys are there" "$(cli DBSIZE) $(cli GET k9999)" "10004 v9999"

# malformed input: errors, and the connection keeps serving
out=$(printf '*1\r\n$abc\r\nPING\r\n' | nc -q 2 -w 5 127.0.0.1 "$port" | tr -d '\r' | tr '\n' '|')
is "bad bulk length: protocol error, then PONG on the same connection" \
	"$out" "-ERR Protocol error: invalid bulk length|+PONG|"
out=$(printf '\x01\xff\xfe garbage\r\nPING\r\n' | nc -q 2 -w 5 127.0.0.1 "$port" | tr -d '\r' |
	sed 's/with args.*/.../' | tr '\n' '|')
is "garbage bytes: an error, then PONG" "$out" "-ERR unknown command '"$'\x01\xff\xfe'"', ...|+PONG|"
is "unknown command" "$(cli FOO bar)" "ERR unknown command 'FOO', with args beginning with: 'bar' "
is "wrong arity" "$(cli GET)" "ERR wrong number of arguments for 'get' command"
is "INCR on a string" "$(cli INCR a; cli SET s abc; cli INCR s)" \
	"$(printf '2\nOK\nERR value is not an integer or out of range')"
is "oversized value" "$(head -c 5000 /dev/zero | tr '\0' x | cli -x SET big)" \
	"ERR argument too long (5000 bytes, the limit is 4096)"
is "the server still answers" "$(cli PING)" "PONG"

# restart on the same disk
cli SET persisted yes >/dev/null
vm_stop "$VM_PID"
ok "restarts on the same disk" boot_kv kvstore-2
is "data present after restart" "$(cli GET persisted) $(cli GET k1234) $(cli DBSIZE)" \
	"yes v1234 10006"
ok "the log replayed" wait_log "$LOG" 'kvstore: .*replayed [0-9]+ records, 10006 keys' 1

# SIGKILL right after a burst of acknowledged writes from 4 clients at once
pids=()
for c in 1 2 3 4; do
	seq 500 | awk -v c=$c '{ k = "burst" c "-" $1; printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$1\r\n%d\r\n",
		length(k), k, c }' >"$work/burst$c"
	cli --pipe <"$work/burst$c" >"$work/burst$c.out" 2>&1 &
	pids+=($!)
done
wait "${pids[@]}"
vm_kill9 "$VM_PID"
acked=$(cat "$work"/burst?.out | grep -c 'errors: 0, replies: 500')
is "4 x 500 SETs acknowledged before SIGKILL" "$acked" 4
ok "restarts after SIGKILL" boot_kv kvstore-3
missing=0
for c in 1 2 3 4; do
	got=$(seq 500 | sed "s/^/burst$c-/" | xargs redis-cli -p "$port" MGET | grep -cx "$c")
	missing=$((missing + 500 - got))
done
is "every acknowledged key is present" "$missing" 0
cli SET tailmarker TAILTAILTAILTAILTAILTAIL >/dev/null
keys=$(cli DBSIZE)
vm_stop "$VM_PID"

# corrupt the last record (the marker's value): replay cuts it, keeps the rest
off=$(grep -obUa 'TAILTAILTAILTAILTAILTAIL' "$disk" | tail -1 | cut -d: -f1)
printf 'X' | dd of="$disk" bs=1 seek=$((off + 3)) conv=notrunc status=none
ok "restarts with a corrupted log tail" boot_kv kvstore-4
ok "and warns about it" wait_log "$LOG" \
	'pvkit: warning: kvstore: .*log record at offset [0-9]+ is corrupt \(checksum mismatch\)' 1
is "intact records kept, the corrupt one dropped" \
	"$(cli DBSIZE) $(cli EXISTS tailmarker) $(cli GET persisted) $(cli GET burst4-500)" \
	"$((keys - 1)) 0 yes 4"
is "writes work after the repair" "$(cli SET after repair)" "OK"
vm_stop "$VM_PID"
ok "restarts once more" boot_kv kvstore-5
is "the repaired log keeps its data" "$(cli GET after) $(cli DBSIZE)" "repair $keys"
vm_stop "$VM_PID"
for n in 1 2 3 4 5; do no_crash "run $n: no crash or error" "$LOGS/kvstore-$n.log"; done
