#!/usr/bin/env bash
# make bench's harness, end to end: `bench/run --quick` into the test directory must
# produce every figure the suites promise (a number, or n/a with a reason) for every
# target, a results JSON that follows the schema (docs/BENCH.md), the report and the
# plots. Values are never checked: timings belong to `make bench`, not to tests.
. "$(dirname "$0")/../lib/tap.sh"
OUT=$TOUT/bench-quick
rm -rf "$OUT"
plan 15

"$TOP/bench/run" --quick --out "$OUT" >"$LOGS/bench-quick.log" 2>&1
is "bench/run --quick exits 0" "$?" 0
J=$OUT/latest.json

ok "latest.json is well-formed JSON" perl -MJSON::PP -e 'local $/; JSON::PP->new->decode(<STDIN>)' <"$J"
ok "latest.json follows the schema" perl "$TOP/bench/lib/report.pl" check "$J"
ok "the timestamped JSON is the same as latest.json" \
	bash -c "cmp -s '$J' \"\$(ls '$OUT'/2*.json | tail -1)\""

# expect DESC TARGETS METRICS METHODS: every combination has a record.
expect() {
	local missing
	missing=$(perl -MJSON::PP -e '
		local $/; open my $f, "<", shift or die; my $j = JSON::PP->new->decode(<$f>);
		my %have = map { ("$_->{target} $_->{metric} $_->{method}" => 1) }
			grep { defined $_->{value} || length($_->{reason} // "") } @{$j->{results}};
		my ($t, $m, $k) = map { [split " "] } @ARGV;
		for my $a (@$t) { for my $b (@$m) { for my $c (@$k) {
			print "$a $b $c\n" unless $have{"$a $b $c"} } } }' "$J" "$2" "$3" "$4")
	if [ -z "$missing" ]; then pass "$1"; else fail "$1" "missing: $(echo $missing)"; fi
}
HC_OPS="hvc xen_version mmio_read_user mmio_read_vgic eoi ipi sgi_self vtimer evtchn_rtt grant_copy_4k domain_switch
	blk_read_4k net_rtt"
APPS_BUILT=$(cd "$TOP/build/apps" && ls *.img | sed 's/\.img$//')
expect "hcbench: every operation on every target, icount and wall" \
	"floor pvkit xen-4.17 qemu" "$HC_OPS" "icount wall"
expect "boot: hello and httpd on pvkit, Xen, bare QEMU and Linux" \
	"pvkit xen-4.17 qemu linux" "boot_hello boot_hello_entry boot_httpd_response" icount
expect "size: every app image, the hypervisors, line counts" pvkit \
	"$(for a in $APPS_BUILT; do echo "image_$a image_${a}_loaded"; done) image_hypervisor lines_runtime lines_hypervisor" size
expect "memory: every app" qemu "$(for a in $APPS_BUILT; do echo "mem_min_$a"; done)" size
expect "density: domain memory, domains, host RAM on pvkit and Xen" \
	"pvkit xen-4.17" "density_domain_mem density_domains density_host_mem" size
expect "density: instructions per domain and per creation" "pvkit xen-4.17" \
	"density_per_domain density_create" icount
expect "services: httpd and kvstore on pvkit, bare QEMU and Linux" "pvkit qemu linux" \
	"httpd_rps_keepalive httpd_rps_close httpd_p50_keepalive kvstore_set_ops kvstore_get_ops" wall

# With Xen fetched (scripts/setup --bench), its figures must be measured, not n/a.
if ls "$TOP"/deps/bench/xen/boot/xen-4.17*-arm64 >/dev/null 2>&1; then
	is "Xen 4.17 fetched: its null hypercall was measured" \
		"$(perl -MJSON::PP -e 'local $/; my $j = JSON::PP->new->decode(<STDIN>);
			print join ",", map { defined $_->{value} ? "value" : "n/a: $_->{reason}" }
			grep { $_->{target} eq "xen-4.17" && $_->{metric} eq "xen_version" &&
				$_->{method} eq "icount" } @{$j->{results}}' <"$J")" value
else
	pass "Xen 4.17 not fetched: its figures are n/a (checked above) # SKIP no deps/bench/xen"
fi

ok "report.md was generated with the hypercall table" \
	grep -q '^## Hypercalls and interrupts: instructions per operation' "$OUT/report.md"
ok "the hypercall plot is a PNG" bash -c "head -c 8 '$OUT/plots/hc_icount.png' | grep -q PNG"
ok "the table was printed" grep -q '^== Hypercalls and interrupts' "$LOGS/bench-quick.log"
