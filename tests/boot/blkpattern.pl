#!/usr/bin/perl
# The block test pattern of tests/apps/vblk (see its main.c), host side:
#   blkpattern.pl write FILE SECTORS SEED PASS   create FILE holding pass PASS
#   blkpattern.pl check FILE SEED PASS           every byte of FILE is pass PASS?
# check prints "ok N sectors" or names the first sector that differs and how.
use strict;
use warnings;

my $M32 = 0xffffffff;

sub base {
	my ($seed) = @_;
	return pack('(V V)64', map { (($_ * 0x01000193 + $seed) & $M32, $_ ^ 0xa5a5a5a5) } 0 .. 63);
}

sub sector {
	my ($base, $seed, $s, $pass) = @_;
	my $lo = ($s ^ $seed) & $M32;
	my $hi = ($s * 2654435761 + $seed + $pass * 0x01000193) & $M32;
	return $base ^ (pack('V V', $lo, $hi) x 64);
}

my $cmd = shift // '';
if ($cmd eq 'write') {
	my ($file, $sectors, $seed, $pass) = @ARGV;
	my $base = base($seed);
	open(my $f, '>:raw', $file) or die "blkpattern: cannot create $file: $!\n";
	print $f sector($base, $seed, $_, $pass) for 0 .. $sectors - 1;
	close($f) or die "blkpattern: writing $file: $!\n";
} elsif ($cmd eq 'check') {
	my ($file, $seed, $pass) = @ARGV;
	my $base = base($seed);
	open(my $f, '<:raw', $file) or die "blkpattern: cannot open $file: $!\n";
	my ($s, $buf) = (0, '');
	while ((my $n = read($f, $buf, 512)) > 0) {
		die "blkpattern: $file ends with a partial sector of $n bytes\n" if $n != 512;
		my $want = sector($base, $seed, $s, $pass);
		if ($buf ne $want) {
			my $off = 0;
			$off++ while substr($buf, $off, 1) eq substr($want, $off, 1);
			# Which pass (if any) the sector holds instead: names stale data.
			my ($other) = grep { sector($base, $seed, $s, $_) eq $buf } 0 .. 9;
			printf "sector %d differs from byte %d on (%s)\n", $s, $off,
				defined $other ? "it holds pass $other" : "not any pass 0-9";
			exit 1;
		}
		$s++;
	}
	print "ok $s sectors\n";
} else {
	die "usage: blkpattern.pl write FILE SECTORS SEED PASS | check FILE SEED PASS\n";
}
