# Services: httpd and kvstore throughput and latency (wall clock) on pvkit against a Linux
# guest. The load clients are the apps' own bench/services.sh (wrk for httpd, keep-alive
# and Connection: close; redis-benchmark -t set,get, unpipelined and 16 deep), run the
# same way against every server, each on a tap device in a private network namespace
# (QEMU user networking accepts with a backlog of 1 and would distort any load).
# Targets: qemu = pvkit's httpd and kvstore on bare QEMU (bench/services.sh boots them),
# pvkit = the same apps as domains on the hyp (xenbus vif and vbd), linux = the Linux guest with nginx and
# redis-server, then busybox httpd (its figures get the suffix _busybox).
# Every guest gets bench/services.sh's QEMU options: scripts/qemu-run --cpu cortex-a72
# --mem 512M (one vCPU, GICv3, no EL2) plus the tap device.
SVC_METRICS=(httpd_rps_keepalive httpd_rps_close httpd_p50_keepalive httpd_p99_keepalive
	httpd_p50_close httpd_p99_close kvstore_set_ops kvstore_get_ops kvstore_set_ops_p16
	kvstore_get_ops_p16 kvstore_set_p50 kvstore_set_p99 kvstore_get_p50 kvstore_get_p99)
SVC_QEMU=(--cpu cortex-a72 --mem 512M)
SVC_NS=pvbench$$
SVC_HOST=10.77.0.1 SVC_GUEST=10.77.0.2
SVC_CONNS=32
SVC_CLIENT=$TOP/bench/services.sh

svc_unit() {
	case $1 in *_ops*) echo ops/s ;; *_rps_*) echo req/s ;; *) echo ns ;; esac
}
svc_na_all() {	# target reason [suffix]
	local m
	for m in "${SVC_METRICS[@]}"; do na "$1" "$m${3:-}" "$(svc_unit $m)" wall "$2"; done
}
svc_opts() { echo --secs "$SVC_SECS" --conns "$SVC_CONNS" --requests "$SVC_REDIS_N"; }

# svc_import JSONL [SUFFIX]: bench/services.sh's records into ours (their format is ours;
# image sizes are left to the size suite). A metric it did not print becomes n/a.
svc_import() {
	perl -MJSON::PP -ne '
		BEGIN { ($suffix, $recs) = splice @ARGV, 1, 2 }
		my $r = eval { JSON::PP->new->decode($_) } or next;
		next if $r->{metric} =~ /_image_bytes$/;
		open my $o, ">>", $recs or die;
		my $v = defined $r->{value} ? $r->{value} : "n/a";
		print $o join("\t", $r->{target}, $r->{metric} . $suffix, $r->{unit}, $v,
			$r->{method}, "", "", $r->{note} // ($v eq "n/a" ? "not measured" : "")), "\n";' \
		"$1" "${2:-}" "$WORK/records.tsv"
}

svc_net_up() {
	ip netns add "$SVC_NS" &&
		nsenter --net=/run/netns/"$SVC_NS" ip link set lo up &&
		nsenter --net=/run/netns/"$SVC_NS" ip tuntap add tap0 mode tap &&
		nsenter --net=/run/netns/"$SVC_NS" ip addr add "$SVC_HOST/24" dev tap0 &&
		nsenter --net=/run/netns/"$SVC_NS" ip link set tap0 up
}
svc_net_down() { ip netns del "$SVC_NS" 2>/dev/null || true; }

# pvkit's apps on bare QEMU: bench/services.sh boots them itself.
svc_pvkit_qemu() {
	local out=$WORK/services-qemu.jsonl
	if [ ! -x "$SVC_CLIENT" ] || [ ! -f "$TOP/build/apps/httpd.img" ]; then
		svc_na_all qemu "httpd and kvstore (and bench/services.sh) are not on this branch"
		return
	fi
	progress "services: pvkit httpd and kvstore on bare QEMU (bench/services.sh)"
	meta command "services-qemu: bench/services.sh --target qemu $(svc_opts) (its QEMU consoles: build/bench/services/)"
	"$SVC_CLIENT" --target qemu $(svc_opts) >"$out" 2>"$LOGS/services-qemu.log"
	[ -s "$out" ] || { svc_na_all qemu "bench/services.sh printed nothing (${LOGS#$TOP/}/services-qemu.log)"; return; }
	svc_import "$out"
}

# pvkit's apps as domains on the hyp: httpd, then kvstore (with a blank 256 MiB disk,
# like bench/services.sh gives it on bare QEMU), each alone on the hyp with a vif on
# its switch, whose uplink is the machine's virtio-net on the namespace's tap device;
# kvstore's vbd is host disk 0. The machine gets bench/services.sh's options plus EL2
# (the hyp needs it): scripts/qemu-run --cpu cortex-a72 --mem 512M --el2 --gic 3, and
# the domain SVC_HYP_KIB of it (the largest piece the hyp has free is ~255 MiB, below
# the domain image at 0x50000000; the apps size their caches and connection slots
# from their RAM). Static addresses, as on bare QEMU.
SVC_HYP_KIB=$((240 * 1024))
svc_na_app() {	# target app reason
	local m
	for m in "${SVC_METRICS[@]}"; do
		[ "${m%%_*}" = "$2" ] && na "$1" "$m" "$(svc_unit $m)" wall "$3"
	done
	return 0
}
svc_pvkit_hyp() {
	local a img props ready probe out disk=()
	for a in httpd kvstore; do
		img=$TOP/build/apps/$a.img
		if [ ! -f "$img" ]; then
			svc_na_app pvkit $a "no image build/apps/$a.img"
			continue
		fi
		if [ $a = httpd ]; then
			props="pvkit,vif;" ready='httpd: serving' disk=()
			probe="curl -sf -o /dev/null -m 2 http://$SVC_GUEST/"
		else
			truncate -s 0 "$WORK/svc-hyp-kv.img"
			truncate -s 256M "$WORK/svc-hyp-kv.img"
			props='pvkit,vif; pvkit,disk = "0";' ready='kvstore: listening'
			disk=(--disk "$WORK/svc-hyp-kv.img")
			probe="redis-cli -h $SVC_GUEST ping | grep -q PONG"
		fi
		DOM0LESS_PROPS=$props PVKIT_DOMAIN_KIB=$SVC_HYP_KIB guest pvkit wall "$img" \
			"ip=$SVC_GUEST/24 gw=$SVC_HOST"
		if [ -n "$GUEST_NA" ]; then
			svc_na_app pvkit $a "$GUEST_NA"
			continue
		fi
		progress "services: $a as a domain on the pvkit hyp"
		GUEST_WRAP=(nsenter --net=/run/netns/"$SVC_NS")
		local common=("${QEMU_COMMON[@]}")
		QEMU_COMMON=("${SVC_QEMU[@]}" --el2 --gic 3)
		out=$WORK/services-pvkit-$a.jsonl
		: >"$out"
		start_guest "svc-pvkit-$a" "$ready" --tap tap0 "${disk[@]}" "${GUEST_ARGS[@]}" &&
			in_ns_wait "$probe" &&
			"$SVC_CLIENT" clients --app $a --ns "$SVC_NS" --addr "$SVC_GUEST" --target pvkit \
				$(svc_opts) >"$out" 2>"$LOGS/services-pvkit-$a.log"
		QEMU_COMMON=("${common[@]}")
		stop_guest
		GUEST_WRAP=()
		if [ -s "$out" ]; then
			svc_import "$out"
		else
			svc_na_app pvkit $a "$a on the hyp did not answer (${LOGS#$TOP/}/svc-pvkit-$a.log)"
		fi
	done
}

# The Linux guest: one boot with nginx and redis-server, one with busybox httpd; the
# same clients (bench/services.sh clients) against each.
svc_linux() {
	local img why out
	img=$(linux_initramfs)
	guest linux wall "$img" ""
	if [ -n "$GUEST_NA" ]; then
		svc_na_all linux "$GUEST_NA"
		return
	fi
	GUEST_WRAP=(nsenter --net=/run/netns/"$SVC_NS")
	for svc in nginx,redis busybox-httpd; do
		guest linux wall "$img" "pvbench.svc=$svc pvbench.ip=$SVC_GUEST/24"
		progress "services: Linux guest with $svc"
		local common=("${QEMU_COMMON[@]}")
		QEMU_COMMON=("${SVC_QEMU[@]}")	# what bench/services.sh gives pvkit's apps
		start_guest "svc-linux-$svc" "^pvbench: ready $svc" --tap tap0 "${GUEST_ARGS[@]}"
		QEMU_COMMON=("${common[@]}")
		out=$WORK/services-linux-$svc.jsonl
		if [ $svc = nginx,redis ]; then
			in_ns_wait "curl -sf -o /dev/null -m 2 http://$SVC_GUEST/" &&
				in_ns_wait "redis-cli -h $SVC_GUEST ping | grep -q PONG" &&
				"$SVC_CLIENT" clients --ns "$SVC_NS" --addr "$SVC_GUEST" --target linux \
					$(svc_opts) >"$out" 2>"$LOGS/services-linux-$svc.log"
		else
			in_ns_wait "curl -sf -o /dev/null -m 2 http://$SVC_GUEST/" &&
				"$SVC_CLIENT" clients --app httpd --ns "$SVC_NS" --addr "$SVC_GUEST" \
					--target linux $(svc_opts) >"$out" 2>"$LOGS/services-linux-$svc.log"
		fi
		stop_guest
		why="the Linux guest with $svc did not answer (${LOGS#$TOP/}/svc-linux-$svc.log)"
		if [ ! -s "$out" ]; then
			[ $svc = nginx,redis ] && svc_na_all linux "$why" ||
				for m in httpd_rps_keepalive httpd_rps_close; do
					na linux "${m}_busybox" req/s wall "$why"
				done
		elif [ $svc = nginx,redis ]; then
			svc_import "$out"
		else
			svc_import "$out" _busybox
		fi
	done
	GUEST_WRAP=()
}

# in_ns_wait PROBE: run PROBE (a shell command) in the namespace until it succeeds, 60 s.
in_ns_wait() {
	local i
	for i in $(seq 120); do
		nsenter --net=/run/netns/"$SVC_NS" sh -c "$1" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

suite_services() {
	svc_pvkit_qemu
	if [ ! -x "$SVC_CLIENT" ]; then
		svc_na_all pvkit "the load clients (bench/services.sh) are not on this branch"
		svc_na_all linux "the load clients (bench/services.sh) are not on this branch"
		return
	fi
	if ! svc_net_up; then
		svc_net_down
		svc_na_all pvkit "could not create the network namespace (root needed)"
		svc_na_all linux "could not create the network namespace (root needed)"
		return
	fi
	trap 'stop_guest; svc_net_down' EXIT
	svc_pvkit_hyp
	svc_linux
	svc_net_down
	trap - EXIT
}
