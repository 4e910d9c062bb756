# Services: httpd requests/s (wrk, keep-alive and Connection: close) and kvstore ops/s
# (redis-benchmark) on pvkit (bare QEMU with virtio, and the hyp with xenbus) against
# Linux guests (busybox httpd, nginx-light, redis-server), all on a tap device in a
# private network namespace. Pending: httpd and kvstore and their load script come from
# the apps branch, the Linux guest side from bench/targets/linux.sh. Until then every
# figure is recorded as n/a with the reason, so the report shows what is missing.
SVC_METRICS=(httpd_rps_keepalive httpd_rps_close kvstore_ops)
SVC_TARGETS=(pvkit qemu linux)

suite_services() {
	local t m why
	progress "services: httpd/kvstore throughput"
	for t in "${SVC_TARGETS[@]}"; do
		for m in "${SVC_METRICS[@]}"; do
			case $m in
			httpd*) [ -f "$TOP/apps/httpd/Makefile" ] && why="" ||
				why="httpd is not on this branch yet" ;;
			kvstore*) [ -f "$TOP/apps/kvstore/Makefile" ] && why="" ||
				why="kvstore is not on this branch yet" ;;
			esac
			[ -n "$why" ] || why="bench/suites/services.sh does not drive it yet"
			case $m in kvstore*) u=ops/s ;; *) u=req/s ;; esac
			na "$t" "$m" "$u" wall "$why"
		done
	done
}
