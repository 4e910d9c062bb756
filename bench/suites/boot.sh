# Boot: instructions (-icount shift=0,sleep=off) from reset, and from the image's first
# instruction, to main() of hello, as hello itself reports them ("boot:" line, from
# CNTVCT: the runtime records the counter at image entry, docs/BOOT.md). Under Xen
# "from reset" includes Xen's own boot. The Linux guest: reset to its /init, printed by
# bench/linux/bootclock. httpd's reset-to-first-response comes with httpd (apps branch).
BOOT_TARGETS=(pvkit xen-4.17 qemu linux)

boot_pvkit_hello() {	# target
	local t=$1 line why
	guest "$t" icount "$TOP/build/apps/hello.img" ""
	if [ -n "$GUEST_NA" ]; then
		na "$t" boot_hello instructions icount "$GUEST_NA"
		na "$t" boot_hello_entry instructions icount "$GUEST_NA"
		return
	fi
	progress "boot: hello on $t"
	run_guest "boot-hello-$t" 120 "${GUEST_ARGS[@]}"
	line=$(guest_lines "$LOGS/boot-hello-$t.log" |
		grep -m1 '^boot: [0-9]* ns to main, [0-9]* ns after image entry$')
	if [ -n "$line" ] && guest_lines "$LOGS/boot-hello-$t.log" | grep -q '^pvkit: exit status 0$'; then
		set -- $line
		record "$t" boot_hello instructions "$2" icount "" "" "reset to main()"
		record "$t" boot_hello_entry instructions "$6" icount "" "" "image entry to main()"
	else
		why="hello did not boot (log ${LOGS#$TOP/}/boot-hello-$t.log)"
		na "$t" boot_hello instructions icount "$why"
		na "$t" boot_hello_entry instructions icount "$why"
	fi
}

boot_linux() {
	local v
	guest linux icount "$(linux_initramfs)" "pvbench.svc=none"
	na linux boot_hello_entry instructions icount \
		"the Linux kernel records no counter at its entry: see boot_hello"
	if [ -n "$GUEST_NA" ]; then
		na linux boot_hello instructions icount "$GUEST_NA"
		return
	fi
	progress "boot: the Linux guest to /init"
	GUEST_WRAP=()
	start_guest boot-linux '^pvbench: ready none' "${GUEST_ARGS[@]}"
	stop_guest
	v=$(sed -n 's/^pvbench: boot \([0-9]*\) ns$/\1/p' "$LOGS/boot-linux.log" | head -1)
	if [ -n "$v" ]; then
		record linux boot_hello instructions "$v" icount "" "" \
			"reset to the Linux guest's /init (Debian kernel, initramfs)"
	else
		na linux boot_hello instructions icount \
			"the Linux guest did not reach /init (log ${LOGS#$TOP/}/boot-linux.log)"
	fi
}

suite_boot() {
	local t
	for t in "${BOOT_TARGETS[@]}"; do
		if [ $t = linux ]; then boot_linux; else boot_pvkit_hello "$t"; fi
		if [ -f "$TOP/apps/httpd/Makefile" ]; then
			na "$t" boot_httpd_response instructions icount \
				"pending: httpd does not report the counter at its first response"
		else
			na "$t" boot_httpd_response instructions icount "httpd is not on this branch yet"
		fi
	done
}
