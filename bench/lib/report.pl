#!/usr/bin/perl
# bench/lib/report.pl: everything bench/run does with numbers once they are measured.
#
#   report.pl json RECORDS.tsv META.tsv OPS.tsv   the results JSON on stdout
#   report.pl table RESULTS.json                  the text tables (stdout)
#   report.pl markdown RESULTS.json PLOTDIR       bench/report.md on stdout
#   report.pl plots RESULTS.json PLOTDIR          PNGs with gnuplot into PLOTDIR
#   report.pl check RESULTS.json                  schema check; exit 1 with reasons
#
# RECORDS.tsv: target metric unit value method min max note (value "n/a": note = reason).
# The JSON (docs/BENCH.md): {"meta": {...}, "results": [{"target", "metric", "unit",
# "value", "method"} + optional "min", "max", "note"; n/a: "value": null, "reason"]}.
use strict;
use warnings;
use JSON::PP;

my %TARGETS = map { $_ => 1 } qw(floor pvkit xen-4.17 qemu linux);
my %UNITS = map { $_ => 1 } qw(instructions ns bytes KiB req/s ops/s count);
my %METHODS = map { $_ => 1 } qw(icount wall size);

# The report's sections: which records, which target columns, which ratios.
my @SECTIONS = (
	{ title => 'Hypercalls and interrupts: instructions per operation (QEMU -icount shift=0)',
	  key => 'hc_icount',
	  match => sub { $_[0]{method} eq 'icount' && !boot($_[0]) && !density($_[0]) },
	  cols => [qw(floor pvkit xen-4.17 qemu)],
	  ratios => [[qw(pvkit floor)], [qw(pvkit xen-4.17)], [qw(xen-4.17 floor)]] },
	{ title => 'Hypercalls and interrupts: TCG wall-clock ns per operation (emulator time, not hardware)',
	  key => 'hc_wall', match => sub { $_[0]{method} eq 'wall' && $_[0]{unit} eq 'ns' && !service($_[0]) },
	  cols => [qw(floor pvkit xen-4.17 qemu)], minmax => 1,
	  ratios => [[qw(pvkit floor)], [qw(pvkit xen-4.17)], [qw(xen-4.17 floor)]] },
	{ title => 'Boot: instructions from reset to main() (Linux: to /init) (QEMU -icount shift=0)',
	  key => 'boot', match => sub { boot($_[0]) },
	  cols => [qw(pvkit xen-4.17 qemu linux)],
	  ratios => [[qw(pvkit xen-4.17)], [qw(pvkit qemu)], [qw(qemu linux)]] },
	{ title => 'Sizes', key => 'size',
	  match => sub { $_[0]{method} eq 'size' && $_[0]{unit} =~ /^(bytes|count)$/ && !density($_[0]) },
	  cols => [qw(pvkit xen-4.17 linux)], ratios => [[qw(pvkit xen-4.17)], [qw(pvkit linux)]] },
	{ title => 'Memory: smallest guest RAM that passes the smoke test (KiB)', key => 'memory',
	  match => sub { $_[0]{metric} =~ /^mem_/ }, cols => [qw(qemu)], ratios => [] },
	{ title => 'Density: idle domains started at boot (Xen dom0less binding), host RAM in density_host_mem',
	  key => 'density', match => sub { density($_[0]) }, cols => [qw(pvkit xen-4.17)],
	  ratios => [[qw(pvkit xen-4.17)]] },
	{ title => 'Services', key => 'services',
	  match => sub { service($_[0]) },
	  cols => [qw(pvkit qemu linux)], ratios => [[qw(pvkit linux)], [qw(qemu linux)]] },
);

sub boot { $_[0]{metric} =~ /^boot_/ }
sub density { $_[0]{metric} =~ /^density_/ }
sub service { $_[0]{metric} =~ /^(httpd|kvstore)_/ }

sub slurp_json {
	my ($f) = @_;
	open my $fh, '<', $f or die "report.pl: cannot read $f: $!\n";
	local $/;
	return JSON::PP->new->decode(<$fh>);
}

sub num { my ($v) = @_; return $v =~ /^-?\d+$/ ? int($v) : 0 + $v }

sub cmd_json {
	my ($recs, $metaf, $opsf) = @_;
	my (@results, %meta);
	open my $r, '<', $recs or die "report.pl: $recs: $!\n";
	while (<$r>) {
		chomp;
		my ($t, $m, $u, $v, $meth, $min, $max, $note) = split /\t/, $_, -1;
		my %rec = (target => $t, metric => $m, unit => $u, method => $meth);
		if ($v eq 'n/a') {
			$rec{value} = undef;
			$rec{reason} = $note || 'no reason given';
		} else {
			$rec{value} = num($v);
			$rec{min} = num($min) if defined $min && length $min;
			$rec{max} = num($max) if defined $max && length $max;
			$rec{note} = $note if defined $note && length $note;
		}
		push @results, \%rec;
	}
	open my $mf, '<', $metaf or die "report.pl: $metaf: $!\n";
	while (<$mf>) {
		chomp;
		my ($k, $v) = split /\t/, $_, 2;
		if ($k eq 'command') { push @{$meta{commands}}, $v }
		elsif ($k =~ /_s$/ && $v =~ /^\d+$/) { $meta{$k} = 0 + $v }	# durations; a hash stays a string
		elsif ($v eq 'true' || $v eq 'false') { $meta{$k} = $v eq 'true' ? JSON::PP::true : JSON::PP::false }
		else { $meta{$k} = $v }
	}
	$meta{commands} //= [];
	if ($opsf && open my $of, '<', $opsf) {
		while (<$of>) { chomp; my ($op, $what) = split /\t/, $_, 2; $meta{operations}{$op} = $what }
	}
	print JSON::PP->new->canonical->pretty->encode({ meta => \%meta, results => \@results });
}

sub check {
	my ($j) = @_;
	my @err;
	push @err, 'no "meta" object' unless ref $j->{meta} eq 'HASH';
	push @err, 'no "results" list' unless ref $j->{results} eq 'ARRAY';
	return @err if @err;
	for my $k (qw(date qemu commands)) { push @err, "meta has no \"$k\"" unless defined $j->{meta}{$k} }
	my $i = 0;
	for my $r (@{$j->{results}}) {
		my $id = "results[$i] ($r->{target}/$r->{metric})";
		push @err, "$id: target '$r->{target}' is not one of floor|pvkit|xen-4.17|qemu|linux" unless $TARGETS{$r->{target} // ''};
		push @err, "$id: unit '$r->{unit}' unknown" unless $UNITS{$r->{unit} // ''};
		push @err, "$id: method '$r->{method}' unknown" unless $METHODS{$r->{method} // ''};
		push @err, "$id: no metric" unless length($r->{metric} // '');
		if (!defined $r->{value}) {
			push @err, "$id: n/a without a reason" unless length($r->{reason} // '');
		} elsif (ref $r->{value} || $r->{value} !~ /^-?[\d.]+(e[-+]?\d+)?$/i) {
			push @err, "$id: value is not a number";
		}
		$i++;
	}
	return @err;
}

sub cmd_check {
	my @err = check(slurp_json($_[0]));
	print "$_\n" for @err;
	exit(@err ? 1 : 0);
}

# Rows of one section: [metric, unit, {target => record}].
sub section_rows {
	my ($j, $s) = @_;
	my (%by, @order);
	for my $r (@{$j->{results}}) {
		next unless $s->{match}->($r);
		my $k = "$r->{metric}\t$r->{unit}";
		push @order, $k unless $by{$k};
		$by{$k}{$r->{target}} = $r;
	}
	return map { [(split /\t/, $_), $by{$_}] } @order;
}

sub fmt {
	my ($v) = @_;
	return $v >= 100 ? sprintf('%.0f', $v) : $v == int($v) ? "$v" : sprintf('%.1f', $v);
}

sub ratio {
	my ($cells, $a, $b) = @_;
	my ($x, $y) = map { $cells->{$_} } $a, $b;
	return '' unless $x && $y && defined $x->{value} && defined $y->{value} && $y->{value} > 0;
	my $r = $x->{value} / $y->{value};
	return $r >= 0.1 ? sprintf('%.2fx', $r) : sprintf('%.2gx', $r);
}

# The table of one section as rows of strings, plus the n/a footnotes it refers to.
sub section_table {
	my ($j, $s, $notes, $md) = @_;
	my @rows = section_rows($j, $s);
	return () unless @rows;
	my @head = ('metric', @{$s->{cols}}, map { "$_->[0] / $_->[1]" } @{$s->{ratios}});
	my @out = (\@head);
	for my $row (@rows) {
		my ($metric, $unit, $cells) = @$row;
		my @line = ($s->{key} =~ /^(size|services|density)$/ ? "$metric ($unit)" : $metric);
		for my $t (@{$s->{cols}}) {
			my $r = $cells->{$t};
			if (!$r) { push @line, ''; next }
			if (!defined $r->{value}) {
				my $why = $r->{reason};
				my $k = keys %$notes;
				$notes->{$why} //= $k + 1;
				push @line, "n/a [$notes->{$why}]";
				next;
			}
			my $c = fmt($r->{value});
			$c .= ' (' . fmt($r->{min}) . "\x{2013}" . fmt($r->{max}) . ')'
				if $md && $s->{minmax} && defined $r->{min};
			push @line, $c;
		}
		push @line, map { ratio($cells, @$_) || '-' } @{$s->{ratios}};
		push @out, \@line;
	}
	return @out;
}

sub cmd_table {
	my $j = slurp_json($_[0]);
	binmode STDOUT, ':utf8';
	for my $s (@SECTIONS) {
		my %notes;
		my @t = section_table($j, $s, \%notes, 0);
		next unless @t;
		my @w;
		for my $row (@t) { for my $i (0 .. $#$row) { my $l = length $row->[$i]; $w[$i] = $l if !$w[$i] || $l > $w[$i] } }
		print "\n== $s->{title}\n";
		for my $row (@t) {
			print join('  ', map { $_ == 0 ? sprintf('%-*s', $w[$_], $row->[$_]) : sprintf('%*s', $w[$_], $row->[$_]) } 0 .. $#$row), "\n";
		}
		print "  [$notes{$_}] $_\n" for sort { $notes{$a} <=> $notes{$b} } keys %notes;
	}
}

sub cmd_markdown {
	my ($f, $plotdir) = @_;
	my $j = slurp_json($f);
	my $m = $j->{meta};
	binmode STDOUT, ':utf8';
	print "# pvkit benchmark report\n\n";
	print "Generated by `bench/run` from `bench/results/latest.json`; do not edit by hand.\n";
	print "How the figures are measured and how to read them: [docs/BENCH.md](../docs/BENCH.md).\n\n";
	print "- date: $m->{date}\n- QEMU: $m->{qemu}\n";
	print "- $_: $m->{$_}\n" for grep { defined $m->{$_} && !ref $m->{$_} && !/^(date|qemu)$/ } sort keys %$m;
	for my $s (@SECTIONS) {
		my %notes;
		my @t = section_table($j, $s, \%notes, 1);
		next unless @t;
		print "\n## $s->{title}\n\n";
		my $head = shift @t;
		print '| ', join(' | ', @$head), " |\n";
		print '|', join('|', map { $_ == 0 ? '---' : '---:' } 0 .. $#$head), "|\n";
		print '| ', join(' | ', map { s/\|/\\|/gr } @$_), " |\n" for @t;
		if (%notes) {
			print "\n";
			print "[$notes{$_}] $_  \n" for sort { $notes{$a} <=> $notes{$b} } keys %notes;
		}
		print "\n![$s->{key}]($plotdir/$s->{key}.png)\n" if $plotdir && -f "$plotdir/$s->{key}.png";
	}
	if (my $ops = $m->{operations}) {
		print "\n## Operations\n\n";
		print "- `$_`: $ops->{$_}\n" for sort keys %$ops;
	}
	print "\n## Command lines\n\n```\n";
	print "$_\n" for @{$m->{commands} || []};
	print "```\n";
}

# One bar chart per section that has numbers: metrics on x, one bar per target.
sub cmd_plots {
	my ($f, $dir) = @_;
	my $j = slurp_json($f);
	mkdir $dir;
	my %spec = (hc_icount => ['instructions per operation (log scale)', 1],
		    boot => ['instructions to main()', 0], size => ['KiB (log scale)', 1, qr/^bytes$/, 1024],
		    services => ['requests or operations per second', 0, qr{/s$}]);
	for my $s (@SECTIONS) {
		my $sp = $spec{$s->{key}} or next;
		my @rows = section_rows($j, $s);
		@rows = grep { $_->[1] =~ $sp->[2] } @rows if $sp->[2];
		my $div = $sp->[3] || 1;
		@rows = grep { my $c = $_->[2]; grep { $c->{$_} && defined $c->{$_}{value} && $c->{$_}{value} > 0 } @{$s->{cols}} } @rows;
		next unless @rows;
		my @cols = grep { my $t = $_; grep { my $c = $_->[2]{$t}; $c && defined $c->{value} && $c->{value} > 0 } @rows } @{$s->{cols}};
		my $dat = "$dir/$s->{key}.dat";
		open my $d, '>', $dat or die "report.pl: $dat: $!\n";
		print $d join("\t", "metric", @cols), "\n";
		for my $r (@rows) {
			print $d join("\t", $r->[0], map { my $c = $r->[2]{$_}; $c && defined $c->{value} && $c->{value} > 0 ? $c->{value} / $div : "NaN" } @cols), "\n";
		}
		close $d;
		my $n = @cols;
		my $w = 300 + 90 * @rows;
		open my $g, '|-', 'gnuplot' or die "report.pl: gnuplot: $!\n";
		print $g <<"GP";
set terminal pngcairo size $w,480 font ",10"
set output "$dir/$s->{key}.png"
set title "$s->{title}" noenhanced
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set ylabel "$sp->[0]"
set xtics rotate by -30 noenhanced
set key top left noenhanced
set grid ytics
set datafile missing "NaN"
@{[$sp->[1] ? "set logscale y\nset yrange [0.5:*]\nset offsets 0, 0, graph 0.05, 0" : 'set yrange [0:*]']}
plot for [i=2:@{[$n + 1]}] "$dat" using i:xtic(1) title columnhead
GP
		close $g or warn "report.pl: gnuplot failed for $s->{key}\n";
	}
}

my ($cmd, @args) = @ARGV;
my %cmds = (json => \&cmd_json, table => \&cmd_table, markdown => \&cmd_markdown,
	    plots => \&cmd_plots, check => \&cmd_check);
die "usage: report.pl json|table|markdown|plots|check ARGS (see the top of the file)\n"
	unless $cmd && $cmds{$cmd};
$cmds{$cmd}->(@args);
