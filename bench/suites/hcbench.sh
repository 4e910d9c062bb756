# Hypercalls and interrupts: apps/hcbench on every target, once under -icount shift=0
# (instructions per operation, deterministic) and WALL_RUNS times without it (emulator
# wall-clock ns; median of the runs' medians, min and max over all rounds).
# Every operation hcbench knows gets a record for every target: a value or n/a.
HC_TARGETS=(floor pvkit xen-4.17 qemu)

# hc_parse LOG TARGET MODE: "bench: op ..." lines to $WORK/hc.tsv
# (target mode op median min max | target mode op n/a reason); 1 if the run did not end.
hc_parse() {
	guest_lines "$1" | grep -q '^bench: end$' || return 1
	guest_lines "$1" | sed -n 's/^bench-op: \([^ ]*\) \(.*\)/\1\t\2/p' >"$WORK/hc-ops.tsv.new"
	[ -s "$WORK/hc-ops.tsv" ] || mv "$WORK/hc-ops.tsv.new" "$WORK/hc-ops.tsv"
	rm -f "$WORK/hc-ops.tsv.new"
	perl -ne 'BEGIN { ($t, $m) = splice @ARGV, 1 }
		next if /^bench: (start|end)\b/;
		print "$t\t$m\t$1\t$2\t$3\t$4\n"
			if /^bench: (\S+) (-?[\d.]+) ns min (-?[\d.]+) max (-?[\d.]+)/;
		print "$t\t$m\t$1\tn/a\t$2\n" if /^bench: (\S+) n\/a (.*)$/;' \
		<(guest_lines "$1") "$2" "$3" >>"$WORK/hc.tsv"
}

# hc_runs TARGET SUFFIX BOOTARGS [QEMU-RUN-ARGS...]: hcbench once under icount and
# WALL_RUNS times without, parsed into $WORK/hc.tsv (a later run's figures for an
# operation replace an earlier run's n/a: the ipi and domain_switch runs).
hc_runs() {
	local t=$1 sfx=$2 args=$3 mode name
	shift 3
	for mode in icount $(seq -f 'wall-%g' 1 "$WALL_RUNS"); do
		if [ "$mode" = icount ] && [ -n "${HC_NO_ICOUNT:-}" ]; then
			printf '%s\t%s\tFAILED%s\t%s\n' "$t" icount "$sfx" "$HC_NO_ICOUNT" >>"$WORK/hc.tsv"
			continue
		fi
		guest "$t" "${mode%%-*}" "$HC_IMG" "$args"
		name=hcbench-$t$sfx-$mode
		run_guest "$name" "$([ -z "$sfx" ] && echo 300 || echo 90)" "$@" "${GUEST_ARGS[@]}"
		hc_parse "$LOGS/$name.log" "$t" "${mode%%-*}" ||
			printf '%s\t%s\tFAILED%s\t%s\n' "$t" "${mode%%-*}" "$sfx" \
				"hcbench did not finish (exit $RC; log ${LOGS#$TOP/}/$name.log)" \
				>>"$WORK/hc.tsv"
	done
}

suite_hcbench() {
	local t na=()
	local args="iters=$HC_ITERS rounds=$HC_ROUNDS"
	HC_IMG=$TOP/build/apps/hcbench.img
	: >"$WORK/hc.tsv"
	# Bare QEMU's hcbench gets a disk and user networking: blk_read_4k and net_rtt.
	# On the hyp the machine gets the same two devices, which the hyp drives: the
	# domain reads host disk 0 through blkfront/blkback and reaches QEMU user
	# networking through netfront/netback, the hyp's switch and its uplink.
	truncate -s 1M "$WORK/hc-disk.img"
	HC_IO_QEMU=(--disk "$WORK/hc-disk.img" --net)
	HC_IO_PVKIT='pvkit,vif; pvkit,disk = "0";'
	for t in "${HC_TARGETS[@]}"; do
		guest "$t" icount "$HC_IMG" "$args"
		if [ -n "$GUEST_NA" ]; then
			na+=("$t	$GUEST_NA")
			progress "hcbench on $t: n/a ($GUEST_NA)"
			continue
		fi
		progress "hcbench on $t: 1 run with -icount shift=0, $WALL_RUNS without"
		case $t in
		qemu) hc_runs "$t" "" "$args" "${HC_IO_QEMU[@]}" ;;
		# the hyp drives the same host disk and NIC; the domain gets a vbd on host
		# disk 0 and a vif on the switch, whose uplink is that NIC
		pvkit) DOM0LESS_PROPS=$HC_IO_PVKIT hc_runs "$t" "" "$args" "${HC_IO_QEMU[@]}" ;;
		*) hc_runs "$t" "" "$args" ;;
		esac
		# ipi: a second run with two vCPUs (-smp 2; the hyp's domain: cpus = <2>), a
		# tenth of the iterations: waking an idle vCPU costs milliseconds of wall clock
		if [ "$t" != floor ]; then
			progress "hcbench on $t: ipi with two vCPUs"
			[ "$t" = xen-4.17 ] && HC_NO_ICOUNT="Xen 4.17 on two pCPUs stops in its own boot \
(after the P2M setup) under -icount shift=0,sleep=off: no instruction count (wall clock only)"
			DOM0LESS_SMP=2 DOM0LESS_CPUS=2 hc_runs "$t" -ipi "ops=ipi iters=$((HC_ITERS / 10)) rounds=$HC_ROUNDS" --smp 2
			HC_NO_ICOUNT=
		fi
		# domain_switch: two domains on one physical CPU (pingpong.c)
		if [ "$t" = xen-4.17 ] || [ "$t" = qemu ]; then
			for mode in icount wall; do
				printf '%s\t%s\tFAILED-pingpong\t%s\n' "$t" $mode "$([ $t = qemu ] &&
					echo "no hypervisor: one machine, no domains" ||
					echo "Xen 4.17's dom0less domUs get no xenstore and no /hypervisor node (no event channels) without a dom0 and its toolstack: two hcbench domains cannot find each other")" >>"$WORK/hc.tsv"
			done
		fi
		if [ "$t" = pvkit ]; then
			progress "hcbench on $t: domain_switch with two domains"
			# every figure is printed once the ping side ends: stop the machine
			# there instead of waiting for the pong side to notice and power off
			DOM0LESS_ARGV=("pingpong=pong peer=2" "pingpong=ping peer=1 ops=domain_switch $args")
			RUN_UNTIL='^\(d2\) bench: end' hc_runs "$t" -pingpong ""
			DOM0LESS_ARGV=()
		fi
	done
	[ -s "$WORK/hc-ops.tsv" ] || {
		progress "hcbench ran nowhere: no operation list"
		na hcbench hcbench count icount "hcbench did not finish on any target (logs in ${LOGS#$TOP/})"
		return
	}
	# Combine: icount as is; wall runs by median of medians; failures and whole
	# targets that are n/a become n/a for every operation.
	printf "%s\n" "${na[@]}" | HC_TARGETS="${HC_TARGETS[*]}" perl -e '
		my ($ops, $hc, $recs) = @ARGV;
		my (@ops, %na_target, %fail, %failx, %v, %nav);
		open my $o, "<", $ops or die; while (<$o>) { chomp; push @ops, (split /\t/)[0] }
		while (<STDIN>) { chomp; next unless /\t/; my ($t, $r) = split /\t/, $_, 2; $na_target{$t} = $r }
		open my $h, "<", $hc or die;
		while (<$h>) {
			chomp; my @f = split /\t/;
			if ($f[2] eq "FAILED") { $fail{"$f[0]\t$f[1]"} = $f[3]; next }
			if ($f[2] =~ /^FAILED-(.*)/) { $failx{"$f[0]\t$f[1]\t" . ($1 eq "pingpong" ? "domain_switch" : $1)} = $f[3]; next }
			if ($f[3] eq "n/a") { $nav{"$f[0]\t$f[1]\t$f[2]"} = $f[4]; next }
			push @{$v{"$f[0]\t$f[1]\t$f[2]"}}, [@f[3..5]];
		}
		open my $out, ">>", $recs or die;
		my %unit = (icount => "instructions", wall => "ns");
		for my $t (split " ", $ENV{HC_TARGETS}) {
			for my $m (qw(icount wall)) {
				for my $op (@ops) {
					my $k = "$t\t$m\t$op";
					my $why = $na_target{$t} // $failx{$k} // $nav{$k} //
						$fail{"$t\t$m"};
					if (my $r = $v{$k}) {
						my @med = sort { $a <=> $b } map { $_->[0] } @$r;
						my $med = @med % 2 ? $med[$#med / 2] :
							($med[@med / 2 - 1] + $med[@med / 2]) / 2;
						my ($lo) = sort { $a <=> $b } map { $_->[1] } @$r;
						my ($hi) = sort { $b <=> $a } map { $_->[2] } @$r;
						my $note = $m eq "wall" ? scalar(@$r) . " runs" : "";
						print $out join("\t", $t, $op, $unit{$m}, $med, $m, $lo, $hi, $note), "\n";
					} else {
						$why //= "hcbench printed nothing for it";
						print $out join("\t", $t, $op, $unit{$m}, "n/a", $m, "", "", $why), "\n";
					}
				}
			}
		}' "$WORK/hc-ops.tsv" "$WORK/hc.tsv" "$WORK/records.tsv"
}
