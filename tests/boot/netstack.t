#!/usr/bin/env bash
# The lwIP port without a network device (tests/apps/netloop): sys_arch primitives,
# then sockets over loopback (concurrent echo, bulk transfer, select() on a socket
# above libc's default FD_SETSIZE, receive timeouts), with picolibc and newlib.
. "$(dirname "$0")/../lib/tap.sh"
checks="start-no-device sem-timeout sem-signal mbox-order mbox-empty mbox-timeout mbox-full
	mutex-exclusion echo-concurrent bulk many-sockets select-high-fd rcvtimeo"
n=$(echo $checks | wc -w)
plan $((2 * (n + 1)))
for libc in picolibc newlib; do
	img=$TAPPS/netloop.img
	[ $libc = newlib ] && img=$TOP/build/tests/newlib/apps/netloop.img
	boot "netloop-$libc" "$img"
	is "$libc: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
	for c in $checks; do
		has_line "$libc: $c" "$LOG" "check: $c: ok"
	done
done
