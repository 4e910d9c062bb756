# Boot: instructions (-icount shift=0,sleep=off) from reset, and from the image's first
# instruction, to main() of hello, as hello itself reports them ("boot:" line, from
# CNTVCT: the runtime records the counter at image entry, docs/BOOT.md). Under Xen
# "from reset" includes Xen's own boot. The Linux guest: reset to its /init, printed by
# bench/linux/bootclock. httpd from reset to its first response: httpd prints the
# counter when the first response has gone to TCP, and how much of that time the
# runtime spent waiting idle in WFI (pv_idle_ns); under -icount (sleep=off) idle time
# is skipped-ahead virtual time that depends on when the host connects, so the figure
# is the difference: instructions of work from reset, through DHCP and the request, to
# the response (docs/BENCH.md).
BOOT_TARGETS=(pvkit xen-4.17 qemu linux)
BOOT_HTTPD_RUNS=$([ "${WALL_RUNS:-1}" -gt 1 ] && echo 5 || echo 1)

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

boot_httpd() {	# target
	local t=$1 port line why props=""
	case $t in
	qemu) ;;
	# httpd as the hyp's only domain with a vif on its switch, whose uplink is the
	# machine's virtio-net on QEMU user networking: DHCP and the request go through
	# netfront, netback, the switch and the hyp's virtio-net driver
	pvkit) props="pvkit,vif;" ;;
	*)
		case $t in
		xen-4.17) why="Xen 4.17 runs hcbench as dom0 here: no network backend for httpd" ;;
		*) why="the Linux guest's first response is not instrumented" ;;
		esac
		na "$t" boot_httpd_response instructions icount "$why"
		return
		;;
	esac
	DOM0LESS_PROPS=$props guest "$t" icount "$TOP/build/apps/httpd.img" ""
	if [ -n "$GUEST_NA" ]; then
		na "$t" boot_httpd_response instructions icount "$GUEST_NA"
		return
	fi
	progress "boot: httpd to its first response on $t ($BOOT_HTTPD_RUNS runs)"
	local r vals=()
	for r in $(seq "$BOOT_HTTPD_RUNS"); do
		port=$("$TOP/scripts/free-port")
		GUEST_WRAP=()
		if START_POLL=0.01 start_guest "boot-httpd-$t-$r" 'httpd: serving' --fwd "$port:80" \
			"${GUEST_ARGS[@]}"; then
			curl -s -o /dev/null -m 60 "http://127.0.0.1:$port/"
			for _ in $(seq 100); do
				grep -q 'httpd: first response' "$GUEST_LOG" && break
				sleep 0.1
			done
		fi
		stop_guest
		line=$(sed -n 's/.*httpd: first response \([0-9]*\) ns after reset, \([0-9]*\) ns of them idle$/\1 \2/p' \
			"$LOGS/boot-httpd-$t-$r.log" | head -1)
		[ -n "$line" ] && vals+=($((${line% *} - ${line#* })))
	done
	if [ ${#vals[@]} -gt 0 ]; then
		# the median run, min and max over the runs: the figure moves from run to run
		# (host-side latency becomes virtual time in which lwIP's timers wake httpd)
		set -- $(printf '%s\n' "${vals[@]}" | sort -n)
		local mid=${@:$(( ($# + 1) / 2 )):1} lo=$1 hi=${@: -1}
		record "$t" boot_httpd_response instructions "$mid" icount "$lo" "$hi" \
			"reset to httpd's first response, less the time it waited idle; median of ${#vals[@]} runs"
	else
		na "$t" boot_httpd_response instructions icount \
			"httpd did not answer (logs ${LOGS#$TOP/}/boot-httpd-$t-*.log)"
	fi
}

suite_boot() {
	local t
	for t in "${BOOT_TARGETS[@]}"; do
		if [ $t = linux ]; then boot_linux; else boot_pvkit_hello "$t"; fi
		boot_httpd "$t"
	done
}
