# Boot: instructions (-icount shift=0) from reset, and from the image's first
# instruction, to main() of hello, as hello itself reports them ("boot:" line, from
# CNTVCT: the runtime records the counter at image entry, docs/BOOT.md). Under Xen
# "from reset" includes Xen's own boot. httpd's reset-to-first-response comes with
# httpd (apps branch).
BOOT_TARGETS=(pvkit xen-4.17 qemu)

suite_boot() {
	local img=$TOP/build/apps/hello.img t line
	for t in "${BOOT_TARGETS[@]}"; do
		guest "$t" icount "$img" ""
		if [ -n "$GUEST_NA" ]; then
			na "$t" boot_hello instructions icount "$GUEST_NA"
			na "$t" boot_hello_entry instructions icount "$GUEST_NA"
		else
			progress "boot: hello on $t"
			run_guest "boot-hello-$t" 120 "${GUEST_ARGS[@]}"
			line=$(grep -m1 '^boot: [0-9]* ns to main, [0-9]* ns after image entry$' \
				"$LOGS/boot-hello-$t.log")
			if [ -n "$line" ] && grep -q '^pvkit: exit status 0$' "$LOGS/boot-hello-$t.log"; then
				set -- $line
				record "$t" boot_hello instructions "$2" icount "" "" "reset to main()"
				record "$t" boot_hello_entry instructions "$6" icount "" "" \
					"image entry to main()"
			else
				local why="hello did not boot (log ${LOGS#$TOP/}/boot-hello-$t.log)"
				na "$t" boot_hello instructions icount "$why"
				na "$t" boot_hello_entry instructions icount "$why"
			fi
		fi
		if [ -f "$TOP/apps/httpd/Makefile" ]; then
			na "$t" boot_httpd_response instructions icount \
				"httpd exists but bench/suites/boot.sh does not measure it yet"
		else
			na "$t" boot_httpd_response instructions icount "httpd is not on this branch yet"
		fi
	done
}
