#!/usr/bin/env bash
# virtio-net without lwIP (tests/apps/vnet sends raw Ethernet frames), on the legacy
# (GICv3) and modern (GICv2) transports:
#  - QEMU user networking: the MAC is the one given to -device virtio-net-device, the
#    gateway 10.0.2.2 answers ARP with slirp's MAC, 300 ICMP echo requests of up to
#    1498-byte frames (more than the rings hold) all come back intact.
#  - A tap device in a private network namespace (QEMU gives tap a virtio-net header,
#    so it offers checksum offload): csum-tx and csum-rx are negotiated; UDP datagrams
#    sent with the checksum left to the device reach a host socket, and the host's
#    echoes, which arrive with partial checksums, have correct ones by the time the
#    guest sees them.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$TAPPS/vnet.img
W=$TOUT/virtio-net
mkdir -p "$W"
plan $((2 * (10 + 7)))

guest_checks() {	# id, check names...
	local id=$1
	shift
	for c in "$@"; do
		has_line "$id: $c" "$LOG" "check: $c: ok"
	done
}

# --- user networking
declare -A MAC=([legacy]=52:54:00:0a:b0:01 [modern]=52:54:00:0a:b0:02)
for t in legacy modern; do
	opt=
	[ $t = modern ] && opt="--virtio-modern --gic 2"
	boot "virtio-net-$t-user" $opt --net --mac "${MAC[$t]}" "$IMG"
	is "$t user: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
	has_match "$t user: $t transport" "$LOG" \
		"pvkit: virtio_mmio@[0-9a-f]+: virtio-net, $t interface, features 0x[0-9a-f]+"
	has_line "$t user: MAC from the device" "$LOG" "vnet: mac ${MAC[$t]}"
	has_line "$t user: no checksum offload without a vnet header" "$LOG" \
		"vnet: csum-tx 0 csum-rx 0"
	has_line "$t user: gateway answers ARP" "$LOG" "vnet: arp 10.0.2.2 is at 52:55:0a:00:02:02"
	has_line "$t user: every echo request answered" "$LOG" \
		"vnet: ping 300 requests, 300 replies, 0 bad frames"
	guest_checks "$t user" einval-empty-frame einval-over-mtu largest-frame
	has_line "$t user: no failures" "$LOG" "vnet: 0 failures"
done

# --- tap in a private network namespace
NS=
cleanup() { [ -n "$NS" ] && ip netns del "$NS" 2>/dev/null; NS=; }
trap cleanup EXIT
netns_tap() {	# name: a namespace with tap0 at 10.9.0.1/24
	NS=$1
	ip netns add "$NS" &&
		nsenter --net=/run/netns/"$NS" ip link set lo up &&
		nsenter --net=/run/netns/"$NS" ip tuntap add dev tap0 mode tap &&
		nsenter --net=/run/netns/"$NS" ip addr add 10.9.0.1/24 dev tap0 &&
		nsenter --net=/run/netns/"$NS" ip link set tap0 up
}
# The boot helper, with QEMU inside the namespace so it can open tap0.
boot_ns() {	# name, qemu-run options...
	local name=$1
	shift
	LOG=$LOGS/$name.log
	nsenter --net=/run/netns/"$NS" "$TOP/scripts/qemu-run" --timeout "${BOOT_TIMEOUT:-60}" "$@" \
		</dev/null 2>&1 | tr -d '\r' >"$LOG"
	RC=${PIPESTATUS[0]}
}
UDPN=200	# more than the 64 transmit buffers: send waits for space
for t in legacy modern; do
	opt=
	[ $t = modern ] && opt="--virtio-modern --gic 2"
	if ! netns_tap "pvkit-vnet-$$-$t" 2>"$W/netns-$t.err"; then
		for i in $(seq 7); do
			fail "$t tap: set up namespace and tap" "$(cat "$W/netns-$t.err")"
		done
		cleanup
		continue
	fi
	# UDP echo on the host side: each datagram back as "echo: " + payload, each
	# payload also logged for the check below; gives up after 60 s.
	nsenter --net=/run/netns/"$NS" perl -MIO::Socket::INET -e '
		$| = 1;
		my $s = IO::Socket::INET->new(LocalAddr => "10.9.0.1", LocalPort => 7777,
			Proto => "udp") or die "udp echo: cannot bind 10.9.0.1:7777: $!\n";
		print "ready\n";
		alarm 60;
		for (1 .. $ARGV[0]) { $s->recv(my $b, 2000); print "$b\n"; $s->send("echo: $b"); }
	' $UDPN >"$W/udp-$t.log" 2>&1 &
	echo_pid=$!
	while ! grep -q . "$W/udp-$t.log" && kill -0 $echo_pid 2>/dev/null; do sleep 0.1; done
	boot_ns "virtio-net-$t-tap" $opt --tap tap0 \
		--append "vnet.ip=10.9.0.2 vnet.peer=10.9.0.1 vnet.udp=7777 vnet.udpn=$UDPN vnet.pings=100" \
		"$IMG"
	kill $echo_pid 2>/dev/null
	wait $echo_pid 2>/dev/null
	cleanup

	is "$t tap: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
	has_line "$t tap: checksum offload negotiated" "$LOG" "vnet: csum-tx 1 csum-rx 1"
	has_line "$t tap: every echo request answered" "$LOG" \
		"vnet: ping 100 requests, 100 replies, 0 bad frames"
	is "$t tap: the host got every datagram sent with offloaded checksums" \
		"$(grep '^vnet datagram' "$W/udp-$t.log" | sort -V | sha256sum)" \
		"$(for k in $(seq 0 $((UDPN - 1))); do echo "vnet datagram $k of pvkit"; done | sha256sum)"
	has_line "$t tap: echoes arrive with correct checksums" "$LOG" \
		"vnet: udp $UDPN sent, $UDPN echoed, 0 bad"
	guest_checks "$t tap" udp-echo
	has_line "$t tap: no failures" "$LOG" "vnet: 0 failures"
done
