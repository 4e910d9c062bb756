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

suite_hcbench() {
	local img=$TOP/build/apps/hcbench.img t mode i na=()
	local args="iters=$HC_ITERS rounds=$HC_ROUNDS"
	: >"$WORK/hc.tsv"
	for t in "${HC_TARGETS[@]}"; do
		guest "$t" icount "$img" "$args"
		if [ -n "$GUEST_NA" ]; then
			na+=("$t	$GUEST_NA")
			progress "hcbench on $t: n/a ($GUEST_NA)"
			continue
		fi
		progress "hcbench on $t: 1 run with -icount shift=0, $WALL_RUNS without"
		for mode in icount $(seq -f 'wall-%g' 1 "$WALL_RUNS"); do
			guest "$t" "${mode%%-*}" "$img" "$args"
			run_guest "hcbench-$t-$mode" 300 "${GUEST_ARGS[@]}"
			hc_parse "$LOGS/hcbench-$t-$mode.log" "$t" "${mode%%-*}" ||
				printf '%s\t%s\tFAILED\t%s\n' "$t" "${mode%%-*}" \
					"hcbench did not finish (exit $RC; log ${LOGS#$TOP/}/hcbench-$t-$mode.log)" \
					>>"$WORK/hc.tsv"
		done
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
		my (@ops, %na_target, %fail, %v, %nav);
		open my $o, "<", $ops or die; while (<$o>) { chomp; push @ops, (split /\t/)[0] }
		while (<STDIN>) { chomp; next unless /\t/; my ($t, $r) = split /\t/, $_, 2; $na_target{$t} = $r }
		open my $h, "<", $hc or die;
		while (<$h>) {
			chomp; my @f = split /\t/;
			if ($f[2] eq "FAILED") { $fail{"$f[0]\t$f[1]"} = $f[3]; next }
			if ($f[3] eq "n/a") { $nav{"$f[0]\t$f[1]\t$f[2]"} = $f[4]; next }
			push @{$v{"$f[0]\t$f[1]\t$f[2]"}}, [@f[3..5]];
		}
		open my $out, ">>", $recs or die;
		my %unit = (icount => "instructions", wall => "ns");
		for my $t (split " ", $ENV{HC_TARGETS}) {
			for my $m (qw(icount wall)) {
				for my $op (@ops) {
					my $k = "$t\t$m\t$op";
					my $why = $na_target{$t} // $nav{$k} //
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
