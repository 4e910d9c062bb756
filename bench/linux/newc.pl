#!/usr/bin/perl
# newc.pl DIR: the tree under DIR as a "newc" cpio archive on stdout (what the Linux
# kernel unpacks as an initramfs), so building one needs no cpio binary. Files,
# directories and symlinks; owner root, modes kept.
use strict;
use warnings;
use File::Find;

my $dir = shift or die "usage: newc.pl DIR > initramfs.cpio\n";
my $ino = 1;

sub entry {
	my ($name, $mode, $data) = @_;
	my $hdr = sprintf('070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X',
		$ino++, $mode, 0, 0, 1, 0, length($data), 0, 0, 0, 0, length($name) + 1, 0);
	my $out = $hdr . $name . "\0";
	$out .= "\0" x ((4 - length($out) % 4) % 4);
	$out .= $data;
	$out .= "\0" x ((4 - length($data) % 4) % 4);
	print $out;
}

binmode STDOUT;
my @paths;
find({ no_chdir => 1, wanted => sub { push @paths, $File::Find::name } }, $dir);
for my $p (sort @paths) {
	(my $name = $p) =~ s{^\Q$dir\E/?}{};
	next if $name eq '';
	my @st = lstat $p or die "newc.pl: $p: $!\n";
	my $data = '';
	if (-l $p) {
		$data = readlink $p;
	} elsif (-f _) {
		open my $f, '<:raw', $p or die "newc.pl: $p: $!\n";
		local $/;
		$data = <$f> // '';
	}
	entry($name, $st[2], $data);
}
entry('TRAILER!!!', 0, '');
