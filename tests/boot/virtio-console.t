#!/usr/bin/env bash
# virtio-console on the legacy (GICv3) and modern (GICv2) transports, with
# tests/apps/vcon: once a virtconsole is attached the guest's console output goes
# there (checked line by line against what the app is known to print), and input
# written into the chardev before boot is read back byte for byte (length and FNV-1a
# hash). The chardev is a QEMU pipe: BASE.in a FIFO the test fills first, BASE.out a
# plain file.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$TAPPS/vcon.img
W=$TOUT/virtio-console
mkdir -p "$W"
plan $((2 * 8))

# What vcon prints for N lines, and the input it is given.
expected_lines() {
	perl -e 'printf "vcon: line %d %08x\n", $_, ($_ * 2654435761) & 0xffffffff for 0 .. $ARGV[0] - 1' "$1"
}
perl -e 'printf "input line %d %s\n", $_, "x" x ($_ % 97) for 0 .. 399' >"$W/input"
want_input=$(perl -e '
	local $/; my $d = <STDIN>; my $h = 2166136261;
	for my $c (unpack "C*", $d) { $h ^= $c; $h = ($h * 16777619) & 0xffffffff; }
	my $n = () = $d =~ /\n/g;
	printf "vcon: input %d bytes, %d lines, fnv1a 0x%08x", length $d, $n, $h' <"$W/input")

for t in legacy modern; do
	opt=
	[ $t = modern ] && opt="--virtio-modern --gic 2"
	base=$W/$t
	rm -f "$base.in" "$base.out"
	mkfifo "$base.in"
	: >"$base.out"
	# Opened read-write, the FIFO takes the input now (it is under the pipe size)
	# and QEMU reads it when the guest has buffers posted.
	exec 3<>"$base.in"
	cat "$W/input" >&3
	echo end >&3
	boot "virtio-console-$t" $opt --virtconsole "pipe,path=$base" --append "vcon.lines=1500" "$IMG"
	exec 3>&-
	OUT=$W/$t.log
	tr -d '\r' <"$base.out" >"$OUT"
	cp "$OUT" "$LOGS/virtio-console-$t-virtconsole.log"

	is "$t: QEMU exit status" "$RC" 0
	is "$t: last virtconsole line" "$(last_line "$OUT")" "pvkit: exit status 0"
	has_match "$t: $t transport" "$LOG" \
		"pvkit: virtio_mmio@[0-9a-f]+: virtio-console, $t interface, features (0|0x[0-9a-f]+)"
	is "$t: every output line, in order" "$(grep '^vcon: line ' "$OUT" | sha256sum)" \
		"$(expected_lines 1500 | sha256sum)"
	lacks_match "$t: the UART no longer gets the output" "$LOG" "vcon: line .*"
	has_line "$t: input length and hash" "$OUT" "$want_input"
	has_line "$t: first input line" "$OUT" "vcon: first line: input line 0 "
	is "$t: lines end in CR LF, as on the UART" "$(grep -c $'\r$' "$base.out")" \
		"$(wc -l <"$base.out")"
done
