# Helpers for tests of networked guests (httpd, kvstore); source after tap.sh.
# QEMU runs in the background with a timeout; its console goes to $LOGS/<name>.log.
# Tests create and remove their own network namespaces (names carry the test's PID,
# so tests can run in parallel) and pick free host ports.

NET_TIMEOUT=${NET_TIMEOUT:-300}		# seconds a background QEMU may live
_cleanup_cmds=()
_net_cleanup() {
	local c
	for c in "${_cleanup_cmds[@]}"; do eval "$c" >/dev/null 2>&1; done
}
trap _net_cleanup EXIT
at_exit() { _cleanup_cmds+=("$1"); }

# A TCP port nothing on the host listens on (the kernel picks it).
free_port() { "$TOP/scripts/free-port"; }

# vm_start NAME [qemu-run options] IMAGE: start QEMU in the background. Sets LOG and
# VM_PID (the timeout wrapper; QEMU is its child). Prefix with NETNS=ns to run QEMU
# inside a network namespace (for --tap).
vm_start() {
	local name=$1
	shift
	LOG=$LOGS/$name.log
	: >"$LOG"
	if [ -n "${NETNS:-}" ]; then
		nsenter --net=/run/netns/"$NETNS" "$TOP/scripts/qemu-run" --timeout "$NET_TIMEOUT" "$@" \
			</dev/null >"$LOG" 2>&1 &
	else
		"$TOP/scripts/qemu-run" --timeout "$NET_TIMEOUT" "$@" </dev/null >"$LOG" 2>&1 &
	fi
	VM_PID=$!
	at_exit "vm_kill $VM_PID"
}

# wait_log LOG REGEX [SECS]: until a console line matches (exit 0), QEMU ends or the
# time runs out (exit 1).
wait_log() {
	local log=$1 re=$2 t=${3:-60} i
	for ((i = 0; i < t * 10; i++)); do
		tr -d '\r' <"$log" | grep -qE -- "$re" && return 0
		kill -0 "$VM_PID" 2>/dev/null || { tr -d '\r' <"$log" | grep -qE -- "$re"; return; }
		sleep 0.1
	done
	return 1
}

# Stop a VM started with vm_start: SIGTERM to QEMU (a clean host-side stop; the
# guest gets no warning either way) and wait for it.
vm_stop() {
	local p
	for p in $(pgrep -P "$1"); do kill "$p" 2>/dev/null; done
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# SIGKILL QEMU itself: nothing of the guest's runs after this.
vm_kill9() {
	local p
	for p in $(pgrep -P "$1"); do kill -9 "$p" 2>/dev/null; done
	wait "$1" 2>/dev/null
	return 0
}
vm_kill() { vm_kill9 "$1"; }

# A private network namespace with a tap device: netns_tap NS TAP HOSTADDR/N.
# Removed when the test exits. Commands enter it with `nsenter --net=/run/netns/NS`
# rather than `ip netns exec`, which also remounts / and /sys and so fails where / is not
# a mount point (a chroot such as ../shared/tools/fresh-check's).
netns_tap() {
	local ns=$1 tap=$2 addr=$3
	ip netns add "$ns" || return 1
	at_exit "ip netns del $ns"
	nsenter --net=/run/netns/"$ns" ip link set lo up &&
		nsenter --net=/run/netns/"$ns" ip tuntap add dev "$tap" mode tap &&
		nsenter --net=/run/netns/"$ns" ip addr add "$addr" dev "$tap" &&
		nsenter --net=/run/netns/"$ns" ip link set "$tap" up
}

# No crash report, lwIP assertion or runtime error on the console.
no_crash() {
	if tr -d '\r' <"$2" | grep -qE 'CRASH|assertion failed|pvkit: error'; then
		fail "$1" "$(tr -d '\r' <"$2" | grep -m3 -E 'CRASH|assertion failed|pvkit: error')"
	else
		pass "$1"
	fi
}
