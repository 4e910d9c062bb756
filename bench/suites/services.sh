# Services: httpd requests/s and latency (wrk, keep-alive and Connection: close) and
# kvstore SET/GET ops/s (redis-benchmark), pvkit against Linux guests (nginx, busybox
# httpd, redis-server), wall clock. Every guest runs on a tap device in a private network
# namespace made for the run (QEMU user networking's forwarded port has a listen backlog
# of 1 and would distort any concurrent load); the clients run in that namespace too.
# Targets: qemu = pvkit's app on bare QEMU (virtio), pvkit = on the hyp (xenbus),
# linux = the Linux guest.
SVC_METRICS=(httpd_rps_keepalive httpd_rps_close httpd_latency_keepalive kvstore_set_ops
	kvstore_get_ops)
SVC_NS=pvbench$$
SVC_HOST=10.77.0.1 SVC_GUEST=10.77.0.2
SVC_CONNS=8

svc_unit() {
	case $1 in kvstore*) echo ops/s ;; *latency*) echo ns ;; *) echo req/s ;; esac
}
svc_metrics_of() {	# httpd|kvstore
	case $1 in
	httpd) echo httpd_rps_keepalive httpd_rps_close httpd_latency_keepalive ;;
	kvstore) echo kvstore_set_ops kvstore_get_ops ;;
	esac
}
svc_na() {	# target app reason
	local m
	for m in $(svc_metrics_of "$2"); do na "$1" "$m" "$(svc_unit $m)" wall "$3"; done
}

svc_net_up() {
	ip netns add "$SVC_NS" &&
		ip netns exec "$SVC_NS" ip link set lo up &&
		ip netns exec "$SVC_NS" ip tuntap add tap0 mode tap &&
		ip netns exec "$SVC_NS" ip addr add "$SVC_HOST/24" dev tap0 &&
		ip netns exec "$SVC_NS" ip link set tap0 up
}
svc_net_down() { ip netns del "$SVC_NS" 2>/dev/null || true; }
in_ns() { ip netns exec "$SVC_NS" "$@"; }

# svc_up NAME READY-REGEX PROBE QEMU-RUN-ARGS...: boot on the tap device until the console
# shows READY-REGEX and PROBE (a shell command run in the namespace) succeeds, 60 s at
# most. 1 if the service never came up (the guest is stopped then).
svc_up() {
	local name=$1 ready=$2 probe=$3 i
	shift 3
	GUEST_WRAP=(ip netns exec "$SVC_NS")
	if start_guest "$name" "$ready" --tap tap0 "$@"; then
		for i in $(seq 120); do
			in_ns sh -c "$probe" >/dev/null 2>&1 && return 0
			sleep 0.5
		done
	fi
	stop_guest
	return 1
}

# wrk_run NAME URL [HEADER]: "req/s latency-ns" from wrk, after a 1 s warm-up.
wrk_run() {
	local name=$1 url=$2 hdr=${3:-}
	in_ns wrk -t1 -c$SVC_CONNS -d1s ${hdr:+-H "$hdr"} "$url" >/dev/null 2>&1
	in_ns wrk -t1 -c$SVC_CONNS -d${SVC_SECS}s ${hdr:+-H "$hdr"} "$url" >"$LOGS/$name.wrk" 2>&1
	perl -ne '$r = $1 if /^Requests\/sec:\s+([\d.]+)/;
		$l = $1 * {us => 1e3, ms => 1e6, s => 1e9}->{$2} if /^\s+Latency\s+([\d.]+)(us|ms|s)\b/;
		END { print defined $r && defined $l ? "$r $l\n" : "" }' "$LOGS/$name.wrk"
}

# svc_record TARGET METRIC VALUE NOTE: VALUE empty means the client failed.
svc_record() {
	if [ -n "$3" ]; then
		record "$1" "$2" "$(svc_unit "$2")" "$3" wall "" "" "$4"
	else
		na "$1" "$2" "$(svc_unit "$2")" wall "the load client failed (logs in ${LOGS#$TOP/})"
	fi
}

measure_httpd() {	# target name server
	local r
	r=($(wrk_run "$2-keepalive" "http://$SVC_GUEST/"))
	svc_record "$1" httpd_rps_keepalive "${r[0]:-}" "$3, wrk -t1 -c$SVC_CONNS, keep-alive"
	svc_record "$1" httpd_latency_keepalive "${r[1]:-}" "$3, wrk mean latency, keep-alive"
	r=($(wrk_run "$2-close" "http://$SVC_GUEST/" "Connection: close"))
	svc_record "$1" httpd_rps_close "${r[0]:-}" "$3, wrk -t1 -c$SVC_CONNS, Connection: close"
}

measure_kvstore() {	# target name server
	local op
	in_ns redis-benchmark -h "$SVC_GUEST" -n "$SVC_REDIS_N" -c $SVC_CONNS -t set,get --csv \
		>"$LOGS/$2.csv" 2>&1
	for op in set get; do
		svc_record "$1" "kvstore_${op}_ops" "$(perl -ne \
			'print $1 if /^"'"${op^^}"'","([\d.]+)"/' "$LOGS/$2.csv")" \
			"$3, redis-benchmark -c$SVC_CONNS -n $SVC_REDIS_N"
	done
}

HTTP_PROBE="curl -sf -o /dev/null -m 2 http://$SVC_GUEST/"
RESP_PROBE="redis-cli -h $SVC_GUEST ping | grep -q PONG"

# pvkit's httpd and kvstore on bare QEMU with virtio-net, address from the bootargs.
svc_pvkit_qemu() {
	local app probe
	for app in httpd kvstore; do
		if [ ! -f "$TOP/build/apps/$app.img" ]; then
			svc_na qemu $app "$app is not on this branch yet"
			continue
		fi
		[ $app = httpd ] && probe=$HTTP_PROBE || probe=$RESP_PROBE
		guest qemu wall "$TOP/build/apps/$app.img" "ip=$SVC_GUEST/24"
		progress "services: pvkit $app on bare QEMU"
		if ! svc_up "svc-qemu-$app" . "$probe" "${GUEST_ARGS[@]}"; then
			svc_na qemu $app "$app did not answer (log ${LOGS#$TOP/}/svc-qemu-$app.log)"
			continue
		fi
		"measure_$app" qemu "svc-qemu-$app" "pvkit $app (its built-in content)"
		stop_guest
	done
}

# The Linux peer: nginx (one worker), busybox httpd (close only: it does not keep
# connections alive), redis-server (no persistence).
svc_linux() {
	local img svc base="pvbench.ip=$SVC_GUEST/24"
	img=$(linux_initramfs)
	guest linux wall "$img" ""
	if [ -n "$GUEST_NA" ]; then
		svc_na linux httpd "$GUEST_NA"
		svc_na linux kvstore "$GUEST_NA"
		na linux httpd_rps_close_busybox req/s wall "$GUEST_NA"
		return
	fi
	for svc in nginx busybox-httpd redis; do
		guest linux wall "$img" "pvbench.svc=$svc $base"
		progress "services: Linux guest with $svc"
		local probe=$HTTP_PROBE
		[ $svc = redis ] && probe=$RESP_PROBE
		if ! svc_up "svc-linux-$svc" "^pvbench: ready $svc" "$probe" "${GUEST_ARGS[@]}"; then
			local why="the Linux guest with $svc did not come up (log ${LOGS#$TOP/}/svc-linux-$svc.log)"
			case $svc in
			nginx) svc_na linux httpd "$why" ;;
			busybox-httpd) na linux httpd_rps_close_busybox req/s wall "$why" ;;
			redis) svc_na linux kvstore "$why" ;;
			esac
			continue
		fi
		case $svc in
		nginx) measure_httpd linux svc-linux-nginx "nginx" ;;
		busybox-httpd)
			local r
			r=($(wrk_run svc-linux-busybox "http://$SVC_GUEST/" "Connection: close"))
			svc_record linux httpd_rps_close_busybox "${r[0]:-}" \
				"busybox httpd, wrk -t1 -c$SVC_CONNS, Connection: close"
			;;
		redis) measure_kvstore linux svc-linux-redis "redis-server" ;;
		esac
		stop_guest
	done
}

suite_services() {
	local app
	# On the hyp (xenbus): with the pvkit target.
	for app in httpd kvstore; do
		if [ ! -f "$TOP/apps/$app/Makefile" ]; then
			svc_na pvkit $app "$app is not on this branch yet"
		else
			guest pvkit wall "$TOP/build/apps/$app.img" ""
			svc_na pvkit $app "${GUEST_NA:-bench/suites/services.sh does not drive $app on the hyp yet}"
		fi
	done
	if ! svc_net_up; then
		svc_net_down
		local why="could not create the network namespace (root needed)"
		svc_na qemu httpd "$why"
		svc_na qemu kvstore "$why"
		svc_na linux httpd "$why"
		svc_na linux kvstore "$why"
		na linux httpd_rps_close_busybox req/s wall "$why"
		return
	fi
	trap 'stop_guest; svc_net_down' EXIT
	svc_pvkit_qemu
	svc_linux
	svc_net_down
	trap - EXIT
	GUEST_WRAP=()
}
