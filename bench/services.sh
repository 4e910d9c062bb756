#!/usr/bin/env bash
# bench/services.sh — load figures for httpd and kvstore (not a test: nothing is
# asserted). Interface, for bench/run and people:
#
#   bench/services.sh [OPTIONS]              boot pvkit's httpd and kvstore and measure
#   bench/services.sh clients --ns NS --addr ADDR [OPTIONS]
#                                            only run the load clients, in network
#                                            namespace NS, against a server at ADDR
#                                            (port 80 and/or 6379) that someone else
#                                            booted: the same clients for any guest
# Options:
#   --app httpd|kvstore|all   what to measure (default all)
#   --secs N                  seconds per wrk run (default 10; a 1 s warm-up precedes)
#   --conns N                 concurrent connections for wrk and redis-benchmark (default 32)
#   --requests N              redis-benchmark requests per test (default 100000)
#   --target NAME             the "target" field of the records (default qemu: pvkit's
#                             app on bare QEMU; DESIGN.md names the targets)
#   --libc picolibc|newlib    which build of the apps to boot (default picolibc)
#   --cpu MODEL --mem SIZE    QEMU CPU model and RAM (default cortex-a72, 512M)
#   --extra-bootargs ARGS     appended to the apps' bootargs
#
# Output (stdout): one JSON object per line, in bench/results' record format:
#   {"target":"qemu","metric":"httpd_rps_keepalive","unit":"req/s","value":1234.5,
#    "method":"wall","note":"..."}
# Metrics: httpd_rps_{keepalive,close} (req/s), httpd_p50_{keepalive,close} and
# httpd_p99_{keepalive,close} (ns, wrk --latency), kvstore_{set,get}_ops (ops/s,
# redis-benchmark -P 1: every SET waits for its flush), kvstore_{set,get}_ops_p16
# (pipelined 16 deep: group commit), kvstore_{set,get}_p50/p99 (ns), and, when booting,
# {httpd,kvstore}_image_bytes (method "size"). A figure that could not be measured is
# printed with "value":null and the reason in "note". Progress goes to stderr; QEMU
# consoles and client outputs to build/bench/services/.
#
# httpd serves its built-in page at / (exactly 612 bytes, the size of the page the
# Linux comparison serves), so no disk is needed; kvstore gets a blank 256 MiB disk, so
# every SET is made durable (written and flushed) before it is acknowledged.
# Guests run on a tap device in a private network namespace (10.78.0.0/24) made and
# removed here: QEMU user networking accepts with a backlog of 1 and would distort load.
# Needs root (ip netns), wrk, redis-benchmark, curl, redis-cli.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT=$TOP/build/bench/services
mode=boot app=all secs=10 conns=32 requests=100000 target=qemu libc=picolibc
cpu=cortex-a72 mem=512M ns="" addr="" extra=""
[ "${1:-}" = clients ] && { mode=clients; shift; }
while [ $# -gt 0 ]; do
	case $1 in
	--app) app=$2; shift ;;
	--secs) secs=$2; shift ;;
	--conns) conns=$2; shift ;;
	--requests) requests=$2; shift ;;
	--target) target=$2; shift ;;
	--libc) libc=$2; shift ;;
	--cpu) cpu=$2; shift ;;
	--mem) mem=$2; shift ;;
	--ns) ns=$2; shift ;;
	--addr) addr=$2; shift ;;
	--extra-bootargs) extra=$2; shift ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "services.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$OUT"
progress() { echo "services: $*" >&2; }

# rec METRIC UNIT VALUE METHOD NOTE (VALUE "" = not measured; NOTE says why)
rec() {
	local v=${3:-null} note=${5//\"/\'}
	printf '{"target":"%s","metric":"%s","unit":"%s","value":%s,"method":"%s","note":"%s"}\n' \
		"$target" "$1" "$2" "$v" "$4" "$note"
}

in_ns() { nsenter --net=/run/netns/"$ns" "$@"; }

# wrk_measure NAME URL [HEADER]: records rps, p50 and p99 for NAME (keepalive|close)
wrk_measure() {
	local name=$1 url=$2 hdr=${3:-} log=$OUT/wrk-$1.txt
	in_ns wrk -t1 -c"$conns" -d1s ${hdr:+-H "$hdr"} "$url" >/dev/null 2>&1
	in_ns wrk -t1 -c"$conns" -d"${secs}s" --latency ${hdr:+-H "$hdr"} "$url" >"$log" 2>&1
	local r p50 p99
	read -r r p50 p99 < <(perl -ne '
		sub ns { my ($v, $u) = @_; $v * {us => 1e3, ms => 1e6, s => 1e9}->{$u} }
		$r = $1 if /^Requests\/sec:\s+([\d.]+)/;
		$p50 = ns($1, $2) if /^\s+50%\s+([\d.]+)(us|ms|s)\b/;
		$p99 = ns($1, $2) if /^\s+99%\s+([\d.]+)(us|ms|s)\b/;
		$e = 1 if /Socket errors/ && !/connect 0, read 0, write 0, timeout 0/;
		END { print join(" ", $r // "", $p50 // "", $p99 // ""), "\n" }' "$log")
	local note="wrk -t1 -c$conns -d${secs}s --latency, $name, 612-byte page"
	grep -q 'Socket errors' "$log" && note="$note; $(grep 'Socket errors' "$log" | tr -s ' ')"
	rec "httpd_rps_$name" req/s "$r" wall "$note"
	rec "httpd_p50_$name" ns "$p50" wall "$note"
	rec "httpd_p99_$name" ns "$p99" wall "$note"
}

measure_httpd() {
	progress "httpd: wrk keep-alive and Connection: close, $secs s each"
	wrk_measure keepalive "http://$addr/"
	wrk_measure close "http://$addr/" "Connection: close"
}

# redis-benchmark --csv: "test","rps","avg_latency_ms","min_latency_ms",
# "p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
measure_kvstore() {
	local p csv op suffix
	for p in 1 16; do
		progress "kvstore: redis-benchmark -t set,get -P $p, $requests requests"
		csv=$OUT/redis-P$p.csv
		in_ns redis-benchmark -h "$addr" -p 6379 -c "$conns" -n "$requests" -P "$p" \
			-t set,get --csv >"$csv" 2>&1
		[ $p = 1 ] && suffix="" || suffix=_p$p
		for op in SET GET; do
			local l=${op,,} v
			v=$(perl -ne 'print $1 if /^"'"$op"'","([\d.]+)"/' "$csv")
			rec "kvstore_${l}_ops$suffix" ops/s "$v" wall \
				"redis-benchmark -c $conns -n $requests -P $p -t $l"
			if [ $p = 1 ]; then
				read -r p50 p99 < <(perl -ne 'print $1*1e6, " ", $2*1e6, "\n" if
					/^"'"$op"'","[\d.]+","[\d.]+","[\d.]+","([\d.]+)","[\d.]+","([\d.]+)"/' "$csv")
				rec "kvstore_${l}_p50" ns "${p50:-}" wall "redis-benchmark -c $conns -P 1"
				rec "kvstore_${l}_p99" ns "${p99:-}" wall "redis-benchmark -c $conns -P 1"
			fi
		done
	done
}

if [ $mode = clients ]; then
	[ -n "$ns" ] && [ -n "$addr" ] || { echo "services.sh clients: --ns and --addr are needed" >&2; exit 2; }
	[ $app = all ] || [ $app = httpd ] && measure_httpd
	[ $app = all ] || [ $app = kvstore ] && measure_kvstore
	exit 0
fi

# --- boot mode -----------------------------------------------------------------------
apps_dir=$TOP/build/apps
[ $libc = newlib ] && apps_dir=$TOP/build/newlib/apps
ns=pvsvc$$
addr=10.78.0.2
vm=""
cleanup() {
	[ -n "$vm" ] && { pkill -P "$vm" 2>/dev/null; kill "$vm" 2>/dev/null; wait "$vm" 2>/dev/null; }
	ip netns del "$ns" 2>/dev/null
	rm -f "$OUT/kv-disk.img"
}
trap cleanup EXIT
ip netns add "$ns" && in_ns ip link set lo up && in_ns ip tuntap add dev tap0 mode tap &&
	in_ns ip addr add 10.78.0.1/24 dev tap0 && in_ns ip link set tap0 up || {
	echo "services.sh: cannot make network namespace $ns (root needed)" >&2
	exit 1
}

# boot NAME READY-PROBE QEMU-RUN-ARGS...: 1 if the guest does not answer in 60 s
boot() {
	local name=$1 probe=$2 i
	shift 2
	in_ns "$TOP/scripts/qemu-run" --cpu "$cpu" --mem "$mem" --tap tap0 --timeout 1800 "$@" \
		</dev/null >"$OUT/$name.log" 2>&1 &
	vm=$!
	for i in $(seq 120); do
		in_ns sh -c "$probe" >/dev/null 2>&1 && return 0
		kill -0 "$vm" 2>/dev/null || break
		sleep 0.5
	done
	return 1
}
stop() { [ -n "$vm" ] && { pkill -P "$vm"; wait "$vm" 2>/dev/null; vm=""; }; }
na_all() {	# app reason
	local m
	case $1 in
	httpd) for m in rps p50 p99; do
		rec "httpd_${m}_keepalive" "$([ $m = rps ] && echo req/s || echo ns)" "" wall "$2"
		rec "httpd_${m}_close" "$([ $m = rps ] && echo req/s || echo ns)" "" wall "$2"
	done ;;
	kvstore) for m in set get; do
		rec "kvstore_${m}_ops" ops/s "" wall "$2"
		rec "kvstore_${m}_ops_p16" ops/s "" wall "$2"
	done ;;
	esac
}

for a in httpd kvstore; do
	[ $app = all ] || [ $app = $a ] || continue
	img=$apps_dir/$a.img
	if [ ! -f "$img" ]; then
		na_all $a "no image $img (run make)"
		continue
	fi
	rec "${a}_image_bytes" bytes "$(stat -c %s "$img")" size "$libc build"
	args=(--append "ip=$addr/24 gw=10.78.0.1 $extra")
	if [ $a = httpd ]; then
		probe="curl -sf -o /dev/null -m 2 http://$addr/"
	else
		truncate -s 256M "$OUT/kv-disk.img"
		args+=(--disk "$OUT/kv-disk.img")
		probe="redis-cli -h $addr ping | grep -q PONG"
	fi
	progress "booting $a ($libc, $cpu, $mem)"
	if ! boot "$a" "$probe" "${args[@]}" "$img"; then
		na_all $a "$a did not answer (console in ${OUT#$TOP/}/$a.log)"
		stop
		continue
	fi
	"measure_$a"
	stop
done
