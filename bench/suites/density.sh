# Density: idle domains (hcbench with the bootarg `idle`, which prints the physical
# counter and then waits) started by a hypervisor at boot from a DT in Xen's dom0less
# binding, on the common machine with DENSITY_MEM of RAM (2 GiB: room for the goal of
# 1,000 domains). Figures per hypervisor:
#   density_domain_mem   the smallest domain memory with which one idle domain comes up
#                        (bisection, 256 KiB steps; 1 MiB in quick mode)
#   density_domains      how many such domains come up together: DENSITY_MAX (1,000;
#                        64 quick) if they all do, else bisection below it
#   density_host_mem     the machine's RAM for that (KiB)
#   density_per_domain   instructions each further domain adds, from reset to the last
#                        domain's main(): (T(N) - T(1)) / (N - 1), T from the physical
#                        counter the last domain prints (icount: 16 instructions a tick)
#   density_create       instructions the hypervisor spends creating one domain (pvkit:
#                        the hyp's "N domains started in T counter ticks", T * 16 / N)
# The DT: dom0less_dt (bench/lib/common.sh): one image module shared by every domain
# (Xen 4.17 needs that beyond 32 domains; the pvkit hyp shares modules with one "reg").
DENSITY_TARGETS=(pvkit xen-4.17)
DENSITY_MEM=2G DENSITY_MEM_KIB=$((2 << 20))


# density_try TARGET N MEM_KIB: boot N idle domains; 0 if all came up. Sets DENSITY_T
# (the largest physical counter value the domains printed, in ticks).
density_try() {
	local t=$1 n=$2 kib=$3 name="density-$1-${2}x$3k" pid i up
	local host=DOM0LESS_HOST_${t//[-.]/_} shared=DOM0LESS_SHARED_${t//[-.]/_}
	DOM0LESS_MEM=$DENSITY_MEM dom0less_dt "$WORK/density/$name.dtb" "$DENSITY_IMG" "$n" \
		"$kib" "" "${!host}" "${!shared}"
	"dom0less_${t//[-.]/_}" "$WORK/density/$name.dtb" "$DENSITY_IMG" "$n" "${!shared}"
	meta command "$name: $(qemu_cmdline --mem "$DENSITY_MEM" "${GUEST_ARGS[@]}")"
	: >"$LOGS/$name.log"	# before the loop below reads it
	timeout -k 2 300 "$TOP/scripts/qemu-run" "${QEMU_COMMON[@]}" --mem "$DENSITY_MEM" \
		"${GUEST_ARGS[@]}" </dev/null >"$LOGS/$name.log" 2>&1 &
	pid=$!
	up=0 last=0 still=0
	# give up after 60 s without a new domain (a hypervisor creates them all first)
	while [ $still -lt 300 ]; do
		up=$(grep -c 'bench: idle cntpct=' "$LOGS/$name.log")
		[ "$up" -ge "$n" ] && break
		grep -qE '^\(XEN\) (Panic on CPU|.*[Ff]ailed to|.*Unable to)|^\(hyp\) .*(not started|error|are ignored)' \
			"$LOGS/$name.log" && break
		if [ "$up" = "$last" ]; then still=$((still + 1)); else still=0 last=$up; fi
		kill -0 $pid 2>/dev/null || break
		sleep 0.2
	done
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	DENSITY_T=$(sed -n 's/.*bench: idle cntpct=\([0-9]*\).*/\1/p' "$LOGS/$name.log" | sort -n | tail -1)
	DENSITY_CREATE=$(sed -n 's/^(hyp) \([0-9]*\) domains\{0,1\}.* started in \([0-9]*\) counter ticks.*/\1 \2/p' \
		"$LOGS/$name.log" | tr -d '\r' | head -1)
	[ "$up" -ge "$n" ]
}

density_target() {
	local t=$1 lo hi mid kib t1 n step=$DENSITY_STEP_KIB
	"dom0less_${t//[-.]/_}" /dev/null "$TOP/build/apps/hcbench.img" 1
	if [ -n "$GUEST_NA" ]; then
		na "$t" density_domain_mem KiB size "$GUEST_NA"
		na "$t" density_domains count size "$GUEST_NA"
		na "$t" density_per_domain instructions icount "$GUEST_NA"
		na "$t" density_host_mem KiB size "$GUEST_NA"
		na "$t" density_create instructions icount "$GUEST_NA"
		return
	fi
	progress "density on $t: smallest idle domain"
	hi=$((16 << 10)) lo=0
	if ! density_try "$t" 1 $hi && { lo=$hi hi=$((64 << 10)); ! density_try "$t" 1 $hi; }; then
		local why="one idle domain with 64 MiB did not come up (logs in ${LOGS#$TOP/})"
		na "$t" density_domain_mem KiB size "$why"
		na "$t" density_domains count size "$why"
		na "$t" density_per_domain instructions icount "$why"
		na "$t" density_host_mem KiB size "$why"
		na "$t" density_create instructions icount "$why"
		return
	fi
	while [ $((hi - lo)) -gt "$step" ]; do
		mid=$(((lo + hi) / 2 / step * step))
		if density_try "$t" 1 $mid; then hi=$mid; else lo=$mid; fi
	done
	kib=$hi
	record "$t" density_domain_mem KiB "$kib" size "" "" \
		"smallest domain memory (KiB) with which one idle hcbench domain comes up"
	density_try "$t" 1 "$kib"
	t1=$DENSITY_T
	local tn=$t1 first=$((DENSITY_MEM_KIB / kib)) create=""
	[ "$first" -le "$DENSITY_MAX" ] || first=$DENSITY_MAX
	progress "density on $t: $first idle $kib KiB domains on $DENSITY_MEM"
	if density_try "$t" "$first" "$kib"; then
		n=$first tn=$DENSITY_T create=$DENSITY_CREATE
	else
		lo=1 hi=$first
		while [ $((hi - lo)) -gt 1 ]; do
			mid=$(((lo + hi) / 2))
			if density_try "$t" "$mid" "$kib"; then
				lo=$mid tn=$DENSITY_T create=$DENSITY_CREATE
			else
				hi=$mid
			fi
			progress "  $mid domains: $([ $lo = $mid ] && echo up || echo not all up)"
		done
		n=$lo
	fi
	local cap
	cap=$(cat "$LOGS"/density-"$t"-*.log | grep -m1 -E 'are ignored|Too many|too many' |
		sed -E 's/^\((hyp|XEN)\) //' | tr -d '\r')
	local capped=""
	[ "$n" = "$DENSITY_MAX" ] && capped="; the suite tries at most $DENSITY_MAX"
	record "$t" density_domains count "$n" size "" "" \
		"idle $kib KiB domains that come up together on the $DENSITY_MEM machine$capped${cap:+; the hypervisor said: $cap}"
	record "$t" density_host_mem KiB "$DENSITY_MEM_KIB" size "" "" \
		"the machine's RAM (QEMU -m $DENSITY_MEM) for density_domains"
	if [ -n "$create" ]; then
		set -- $create
		record "$t" density_create instructions $(($2 * 16 / $1)) icount "" "" \
			"the hypervisor's own work to create one of $1 domains (its counter before and after creating them all)"
	else
		na "$t" density_create instructions icount "the hypervisor reports no creation time"
	fi
	if [ "$n" -gt 1 ] && [ -n "$t1" ] && [ -n "$tn" ]; then
		record "$t" density_per_domain instructions $(((tn - t1) * 16 / (n - 1))) icount \
			"" "" "reset to the last of $n domains at main(), less one domain's, per extra domain"
	else
		na "$t" density_per_domain instructions icount "fewer than two domains came up"
	fi
}

suite_density() {
	local t
	# hcbench with "idle" as its built-in command line (apps/hcbench/main.c): Xen 4.17
	# gave the 33rd dom0less domain no bootargs (its boot-module bookkeeping stops at 32).
	mkdir -p "$WORK/density"
	DENSITY_IMG=$WORK/density/hcbench-idle.img
	perl -0777 -pe 's/hcbench-builtin-args:\0{4}/hcbench-builtin-args:idle/ or die "no marker\n"' \
		"$TOP/build/apps/hcbench.img" >"$DENSITY_IMG" || {
		for t in "${DENSITY_TARGETS[@]}"; do
			na "$t" density_domains count size "no built-in command line in hcbench.img"
		done
		return
	}
	for t in "${DENSITY_TARGETS[@]}"; do density_target "$t"; done
}
