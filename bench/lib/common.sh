# Helpers every part of bench/run shares: progress lines, result records, and booting a
# guest with a timeout while keeping its command line (for the JSON's meta) and its
# console log (for diagnosis). Sourced by bench/run; expects TOP, WORK, LOGS.

T0=${T0:-$(date +%s)}

# progress MESSAGE: one line on stderr with the elapsed time, so long steps show life.
progress() { printf 'bench: [%4ds] %s\n' $(($(date +%s) - T0)) "$*" >&2; }

# record TARGET METRIC UNIT VALUE METHOD [MIN MAX [NOTE]]
# na TARGET METRIC UNIT METHOD REASON
# One line of $WORK/records.tsv each; bench/lib/report.pl turns them into the JSON.
record() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${6:-}" "${7:-}" \
		"${8:-}" >>"$WORK/records.tsv"
}
na() { printf '%s\t%s\t%s\tn/a\t%s\t\t\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$WORK/records.tsv"; }

# meta KEY VALUE: a line of the JSON's "meta" object (repeated keys become a list).
meta() { printf '%s\t%s\n' "$1" "$2" >>"$WORK/meta.tsv"; }

# The QEMU options every target gets, so the figures compare like with like: the same
# machine (EL2 present, GICv3), CPU model without pointer-authentication emulation,
# memory and vCPUs. scripts/qemu-run turns them into the command line.
QEMU_COMMON=(--el2 --gic 3 --cpu cortex-a72 --mem 512M --smp 1)

# Deterministic instruction counts: -icount shift=0 makes one virtual ns one guest
# instruction; sleep=off keeps virtual time from following the host clock while the vCPU
# waits (before the first instruction, in WFI), so boot figures repeat exactly too.
ICOUNT_QEMU=(-icount shift=0,sleep=off)

# run_guest NAME TIMEOUT QEMU-RUN-ARGS...: boot with scripts/qemu-run and the common
# options, console to $LOGS/NAME.log. Sets RC (124: timeout). With RUN_UNTIL set (a
# regex), the run is stopped as soon as the console shows it (RC 0). The exact QEMU command
# line goes into the meta as "command".
run_guest() {
	local name=$1 t=$2 t1
	shift 2
	local cmd=("$TOP/scripts/qemu-run" "${QEMU_COMMON[@]}" "$@")
	meta command "$name: $(qemu_cmdline "$@")"
	t1=$(date +%s%N)
	if [ -n "${RUN_UNTIL:-}" ]; then
		# a guest that does not end by itself: stop it once its log shows RUN_UNTIL
		timeout -k 2 "$t" "${cmd[@]}" </dev/null >"$LOGS/$name.log" 2>&1 &
		local pid=$! i
		for i in $(seq $((t * 5))); do
			grep -qE "$RUN_UNTIL" "$LOGS/$name.log" && break
			kill -0 $pid 2>/dev/null || break
			sleep 0.2
		done
		kill $pid 2>/dev/null
		wait $pid
		RC=$?
		grep -qE "$RUN_UNTIL" "$LOGS/$name.log" && RC=0
	else
		timeout --foreground -k 2 "$t" "${cmd[@]}" </dev/null >"$LOGS/$name.log" 2>&1
		RC=$?
	fi
	tr -d '\r' <"$LOGS/$name.log" >"$LOGS/$name.tmp" && mv "$LOGS/$name.tmp" "$LOGS/$name.log"
	progress "  $name: $(ms_since $t1) ms$([ $RC = 0 ] || echo ", exit $RC")"
}

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

# guest TARGET MODE IMAGE BOOTARGS: how TARGET boots IMAGE (bench/targets/TARGET.sh):
# sets GUEST_ARGS for run_guest, or GUEST_NA to why it cannot. MODE: icount or wall.
guest() {
	local fn=guest_${1//[-.]/_}
	if ! declare -F "$fn" >/dev/null; then
		GUEST_NA="no bench/targets/$1.sh" GUEST_ARGS=()
		return
	fi
	"$fn" "$2" "$3" "$4"
}

# qemu_cmdline QEMU-RUN-ARGS...: the QEMU command line run_guest runs, for the meta,
# with paths relative to the repository top.
qemu_cmdline() {
	"$TOP/scripts/qemu-run" --dry-run "${QEMU_COMMON[@]}" "$@" |
		sed -e 's/\\,/,/g' -e "s|$TOP/||g"
}

# start_guest NAME READY-REGEX QEMU-RUN-ARGS...: boot in the background with the common
# options, inside the command prefix GUEST_WRAP if set (e.g. nsenter --net=/run/netns/NS), until
# the console shows READY-REGEX (90 s at most), for guests that serve instead of
# exiting. Sets GUEST_PID; returns 1 if the guest did not get there. stop_guest ends it.
# START_POLL: seconds between looks at the console (default 0.5).
GUEST_WRAP=() GUEST_PID="" GUEST_LOG="" START_POLL=0.5
start_guest() {
	local name=$1 ready=$2 i
	shift 2
	meta command "$name: ${GUEST_WRAP[*]}${GUEST_WRAP[*]:+ }$(qemu_cmdline "$@")"
	"${GUEST_WRAP[@]}" timeout -k 2 900 "$TOP/scripts/qemu-run" "${QEMU_COMMON[@]}" \
		"$@" </dev/null >"$LOGS/$name.log" 2>&1 &
	GUEST_PID=$!
	GUEST_LOG=$LOGS/$name.log
	for i in $(seq $(awk "BEGIN { print int(90 / $START_POLL) }")); do
		grep -qE "$ready" "$LOGS/$name.log" && return 0
		kill -0 "$GUEST_PID" 2>/dev/null || return 1
		sleep "$START_POLL"
	done
	return 1
}
stop_guest() {
	[ -n "$GUEST_PID" ] || return 0
	kill "$GUEST_PID" 2>/dev/null	# timeout passes the signal on to QEMU
	wait "$GUEST_PID" 2>/dev/null
	GUEST_PID=""
	# Linux consoles end lines with \r\n
	tr -d '\r' <"$GUEST_LOG" >"$GUEST_LOG.tmp" && mv "$GUEST_LOG.tmp" "$GUEST_LOG"
}

# dom0less_dt OUT.dtb IMAGE N MEM_KIB BOOTARGS HOST_BOOTARGS SHARED: QEMU's own DT for
# the common options plus N domains in Xen's dom0less binding (docs/CONFIG.md: Xen 4.17
# and the pvkit hyp both read it), each MEM_KIB of RAM with a vpl011, the kernel module
# IMAGE and BOOTARGS (none if empty); HOST_BOOTARGS is the hypervisor's own command line
# (/chosen/xen,xen-bootargs). SHARED=1: every domain's module is one copy of IMAGE at
# DOM0LESS_MODULE (Xen 4.17 keeps at most 32 boot modules); 0: one copy each, every
# DOM0LESS_STRIDE bytes (the pvkit hyp refuses overlapping modules). dom0less_loaders
# gives the matching QEMU loader arguments. Optional: DOM0LESS_CPUS (vCPUs per domain,
# default 1), DOM0LESS_ARGV (an array: domain i's bootargs instead of BOOTARGS),
# DOM0LESS_SMP and DOM0LESS_MEM (the machine's CPUs and RAM the DT is made for, default
# 1 and 512M: they must match the QEMU run's), DOM0LESS_PROPS (more properties for every
# domain node, e.g. the pvkit hyp's `pvkit,vif; pvkit,disk = "0";`).
DOM0LESS_CPUS=1 DOM0LESS_ARGV=() DOM0LESS_SMP=1 DOM0LESS_MEM=512M DOM0LESS_PROPS=
DOM0LESS_MODULE=0x50000000 DOM0LESS_STRIDE=0x40000
dom0less_dt() {
	local out=$1 img=$2 n=$3 kib=$4 args=$5 host=$6 shared=$7 size i addr a
	size=$(stat -c %s "$img")
	[ "$size" -le $((DOM0LESS_STRIDE)) ] || { echo "dom0less_dt: $img is too big" >&2; return 1; }
	local virt=$WORK/virt-smp${DOM0LESS_SMP:-1}-${DOM0LESS_MEM:-512M}
	if [ ! -f "$virt.dts" ]; then
		qemu-system-aarch64 -M "virt,gic-version=3,virtualization=on,dumpdtb=$virt.dtb" \
			-cpu cortex-a72 -m "${DOM0LESS_MEM:-512M}" -smp "${DOM0LESS_SMP:-1}" \
			-nographic -nic none >/dev/null 2>&1
		dtc -q -I dtb -O dts -o "$virt.dts" "$virt.dtb"
	fi
	{
		cat "$virt.dts"
		echo "/ { chosen {"
		echo "	#address-cells = <2>; #size-cells = <2>;"
		[ -n "$host" ] && echo "	xen,xen-bootargs = \"$host\";"
		for i in $(seq "$n"); do
			addr=$((DOM0LESS_MODULE + (shared ? 0 : (i - 1) * DOM0LESS_STRIDE)))
			printf '\tdomU%d { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;\n' "$i"
			printf '\t\tmemory = <0x0 %d>; cpus = <%d>; vpl011;\n' "$kib" "${DOM0LESS_CPUS:-1}"
			[ -z "${DOM0LESS_PROPS:-}" ] || printf '\t\t%s\n' "$DOM0LESS_PROPS"
			printf '\t\tmodule@%x { compatible = "multiboot,kernel", "multiboot,module";\n' $addr
			a=${DOM0LESS_ARGV[i - 1]:-$args}
			printf '\t\t\treg = <0x0 %d 0x0 %d>;%s };\n\t};\n' $addr "$size" \
				"${a:+ bootargs = \"$a\";}"
		done
		echo "}; };"
	} >"${out%.dtb}.dts"
	dtc -q -I dts -O dtb -o "$out" "${out%.dtb}.dts"
}
# dom0less_loaders IMAGE N SHARED: "-device" "loader,..." lines, one pair a line each.
dom0less_loaders() {
	local i
	for i in $(seq "$([ "$3" = 1 ] && echo 1 || echo "$2")"); do
		echo -device
		printf 'loader,file=%s,addr=0x%x,force-raw=on\n' "$1" $((DOM0LESS_MODULE + (i - 1) * DOM0LESS_STRIDE))
	done
}

# guest_lines LOG: the console with the hypervisors' per-domain prefixes removed
# ("(d1) " from the pvkit hyp, "(XEN) DOM1: " from Xen's dom0less domains).
guest_lines() { sed -E -e 's/^\(d[0-9]+\) //' -e 's/^\(XEN\) DOM[0-9]+: //' "$1"; }
