# Services: httpd requests/s and latency (wrk, keep-alive and Connection: close) and
# kvstore SET/GET ops/s (redis-benchmark), pvkit against Linux guests (nginx, busybox
# httpd, redis-server), wall clock. Every guest runs on a tap device in a private network
# namespace made for the run (QEMU user networking's forwarded port has a listen backlog
# of 1 and would distort any concurrent load); the clients run in that namespace too.
# Targets: qemu = pvkit's app on bare QEMU (virtio), pvkit = on the hyp (xenbus),
# linux = the Linux guest. pvkit's httpd and kvstore come from the apps branch: until
# they are here their figures are n/a with the reason.
SVC_METRICS=(httpd_rps_keepalive httpd_rps_close httpd_latency_keepalive kvstore_set_ops
	kvstore_get_ops)
SVC_TARGETS=(pvkit qemu linux)
SVC_NS=pvbench$$
SVC_HOST=10.77.0.1 SVC_GUEST=10.77.0.2
SVC_CONNS=8

svc_unit() {
	case $1 in kvstore*) echo ops/s ;; *latency*) echo ns ;; *) echo req/s ;; esac
}

svc_net_up() {
	ip netns add "$SVC_NS" &&
		ip netns exec "$SVC_NS" ip link set lo up &&
		ip netns exec "$SVC_NS" ip tuntap add tap0 mode tap &&
		ip netns exec "$SVC_NS" ip addr add "$SVC_HOST/24" dev tap0 &&
		ip netns exec "$SVC_NS" ip link set tap0 up
}
svc_net_down() { ip netns del "$SVC_NS" 2>/dev/null || true; }

svc_start() { GUEST_WRAP=(ip netns exec "$SVC_NS"); start_guest "$@"; }
svc_stop() { stop_guest; }

# wrk_run NAME URL [HEADER]: "req/s latency-ns" from wrk, after a 1 s warm-up.
wrk_run() {
	local name=$1 url=$2 hdr=${3:-}
	ip netns exec "$SVC_NS" wrk -t1 -c$SVC_CONNS -d1s ${hdr:+-H "$hdr"} "$url" >/dev/null 2>&1
	ip netns exec "$SVC_NS" wrk -t1 -c$SVC_CONNS -d${SVC_SECS}s ${hdr:+-H "$hdr"} "$url" \
		>"$LOGS/$name.wrk" 2>&1
	perl -ne '$r = $1 if /^Requests\/sec:\s+([\d.]+)/;
		$l = $1 * {us => 1e3, ms => 1e6, s => 1e9}->{$2} if /^\s+Latency\s+([\d.]+)(us|ms|s)\b/;
		END { print defined $r && defined $l ? "$r $l\n" : "" }' "$LOGS/$name.wrk"
}

# The Linux peer: nginx (keep-alive and close), busybox httpd (close: it does not keep
# connections alive), redis-server.
svc_linux() {
	local img base="pvbench.ip=$SVC_GUEST/24" svc r why
	img=$(linux_initramfs)
	guest linux wall "$img" ""
	if [ -n "$GUEST_NA" ]; then
		for m in "${SVC_METRICS[@]}" httpd_rps_close_busybox; do
			na linux "$m" "$(svc_unit $m)" wall "$GUEST_NA"
		done
		return
	fi
	for svc in nginx busybox-httpd redis; do
		guest linux wall "$img" "pvbench.svc=$svc $base"
		progress "services: Linux guest with $svc"
		if ! svc_start "svc-linux-$svc" "^pvbench: ready $svc" --tap tap0 "${GUEST_ARGS[@]}"; then
			why="the Linux guest with $svc did not come up (log ${LOGS#$TOP/}/svc-linux-$svc.log)"
			svc_stop
			case $svc in
			nginx) for m in httpd_rps_keepalive httpd_rps_close httpd_latency_keepalive; do
				na linux $m "$(svc_unit $m)" wall "$why"; done ;;
			busybox-httpd) na linux httpd_rps_close_busybox req/s wall "$why" ;;
			redis) na linux kvstore_set_ops ops/s wall "$why"
				na linux kvstore_get_ops ops/s wall "$why" ;;
			esac
			continue
		fi
		case $svc in
		nginx)
			r=($(wrk_run svc-linux-nginx-keepalive "http://$SVC_GUEST/"))
			svc_record linux httpd_rps_keepalive "${r[0]:-}" "nginx, wrk -c$SVC_CONNS keep-alive"
			svc_record linux httpd_latency_keepalive "${r[1]:-}" "nginx, wrk mean latency, keep-alive"
			r=($(wrk_run svc-linux-nginx-close "http://$SVC_GUEST/" "Connection: close"))
			svc_record linux httpd_rps_close "${r[0]:-}" "nginx, wrk -c$SVC_CONNS Connection: close"
			;;
		busybox-httpd)
			r=($(wrk_run svc-linux-busybox "http://$SVC_GUEST/" "Connection: close"))
			svc_record linux httpd_rps_close_busybox "${r[0]:-}" "busybox httpd, wrk -c$SVC_CONNS"
			;;
		redis)
			ip netns exec "$SVC_NS" redis-benchmark -h "$SVC_GUEST" -n "$SVC_REDIS_N" \
				-c $SVC_CONNS -t set,get --csv >"$LOGS/svc-linux-redis.csv" 2>&1
			for op in set get; do
				svc_record linux "kvstore_${op}_ops" "$(perl -ne \
					'print $1 if /^"'"${op^^}"'","([\d.]+)"/' "$LOGS/svc-linux-redis.csv")" \
					"redis-server, redis-benchmark -c$SVC_CONNS -n $SVC_REDIS_N"
			done
			;;
		esac
		svc_stop
	done
}

# svc_record TARGET METRIC VALUE NOTE: VALUE empty means the client failed.
svc_record() {
	if [ -n "$3" ]; then
		record "$1" "$2" "$(svc_unit "$2")" "$3" wall "" "" "$4"
	else
		na "$1" "$2" "$(svc_unit "$2")" wall "the load client failed (logs in ${LOGS#$TOP/})"
	fi
}

suite_services() {
	local t m app why
	for t in pvkit qemu; do
		for m in "${SVC_METRICS[@]}"; do
			case $m in httpd*) app=httpd ;; *) app=kvstore ;; esac
			if [ ! -f "$TOP/apps/$app/Makefile" ]; then
				why="$app is not on this branch yet"
			elif [ $t = pvkit ]; then
				guest pvkit wall "$TOP/build/apps/$app.img" ""
				why=${GUEST_NA:-"bench/suites/services.sh does not drive $app on the hyp yet"}
			else
				why="bench/suites/services.sh does not drive $app yet"
			fi
			na "$t" "$m" "$(svc_unit $m)" wall "$why"
		done
	done
	if ! svc_net_up; then
		svc_net_down
		for m in "${SVC_METRICS[@]}" httpd_rps_close_busybox; do
			na linux "$m" "$(svc_unit $m)" wall "could not create the network namespace (root needed)"
		done
		return
	fi
	trap 'svc_stop; svc_net_down' EXIT
	svc_linux
	svc_net_down
	trap - EXIT
}
