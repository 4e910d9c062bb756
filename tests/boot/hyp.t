#!/usr/bin/env bash
# The pvkit hypervisor end to end (issue 5): domains from dts/hyp/*.dts, booted with
# scripts/hyp-run (QEMU virt, virtualization=on, gic-version=3, -semihosting so the
# hyp's exit status -- the number of domains that crashed -- reaches us).
. "$(dirname "$0")/../lib/tap.sh"
plan 53

hyp() {	# name, config, hyp-run options...
	local name=$1 cfg=$2
	shift 2
	LOG=$LOGS/hyp-$name.log
	"$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-120}" \
		--out "$TOUT/hyp" "$@" "$TOP/dts/hyp/$cfg.dts" </dev/null 2>&1 |
		tr -d '\r' >"$LOG"
	RC=${PIPESTATUS[0]}
}
ended() {	# dN name how: the hyp's report of a domain's end
	has_line "$1 ($2): hyp reports $3" "$LOG" "(hyp) $1 ($2): $3"
}

# 1. Three domains on two pCPUs: all start, print, exit; the hyp reports each exit and
#    powers the machine off. The hello image is the same file as on bare QEMU.
hyp three three --smp 2
is "three: exit status 0 (no crash)" "$RC" 0
for d in "d1 hello1" "d2 hello2"; do
	set -- $d
	has_line "$1: hello reports the pvkit hyp" "$LOG" "($1) hypervisor: pvkit (xen 4.17, DT says 4.17)"
	has_line "$1: hello reports both conduits" "$LOG" "($1) conduit: xen (hvc #0xEA1) + smccc (hvc #0)"
	has_line "$1: exits 0" "$LOG" "($1) pvkit: exit status 0"
	ended "$1" "$2" "powered off"
done
has_line "d3: the timer guest finishes" "$LOG" "(d3) timer: 100 of 100 deadlines"
ended d3 timer "powered off"
has_line "three: all ended, then power off" "$LOG" "(hyp) powering off (status 0: domains that crashed)"

# 2. A two-vCPU guest exchanges IPIs (trapped ICC_SGI1R_EL1, vCPU 1 via PSCI CPU_ON).
hyp ipi ipi --smp 2
has_line "ipi: 200 round trips both ways" "$LOG" "(d1) ipi: 200 round trips, cpu1 saw 200"
is "ipi: exit status 0" "$RC" 0

# 2b. Fourteen SGIs pending at once, four list registers: the maintenance interrupt
#     refills them and every handler runs exactly once, in each of 20 bursts.
hyp burst burst --smp 2 --icount
has_line "burst: every SGI delivered once" "$LOG" "(d1) burst: 20 of 20 rounds delivered all 14 SGIs, 0 duplicates"
is "burst: exit status 0" "$RC" 0

# 3. Virtual-timer interrupts over a fixed virtual time, the vCPU sharing one pCPU with
#    a guest that spins (so the hyp injects PPI 27 for a descheduled vCPU).
hyp timer timer --smp 1 --icount
has_line "timer: 100 deadlines in 100 ms of virtual time" "$LOG" "(d1) timer: 100 of 100 deadlines"
has_line "timer: the spinning guest finishes too" "$LOG" "(d2) spin: done"
is "timer: exit status 0" "$RC" 0

# 4. Isolation: a write to the hyp's UART and a read past the guest's RAM stop those
#    domains with a report; the hyp's own load address is, for a guest, its own RAM;
#    a cache clean by set/way (trapped, never emulated) stops that domain too; the
#    other domains finish with intact output.
hyp isolation isolation --smp 2
has_match "isolation: write to 0x9000000 reported" "$LOG" '\(hyp\) d1 \(uart\): vCPU 0 stopped: write outside the domain.s memory'
has_match "isolation: with PC and address" "$LOG" '\(hyp\) d1 \(uart\):   pc 0x[0-9a-f]+ ipa 0x9000000 far 0x9000000 esr 0x[0-9a-f]+'
has_match "isolation: read past RAM reported" "$LOG" '\(hyp\) d2 \(beyond\): vCPU 0 stopped: read outside the domain.s memory'
ended d1 uart crashed
ended d2 beyond crashed
has_match "isolation: set/way cache clean reported" "$LOG" '\(hyp\) d6 \(setway\): vCPU 0 stopped: illegal system register access'
ended d6 setway crashed
lacks_match "isolation: no poke survived" "$LOG" '\(d[0-9]\) poke: survived'
has_line "isolation: the hyp's address is the guest's own RAM" "$LOG" "(d3) poke: 0x40080000 holds 0x14000200, my image starts with 0x14000200: my own memory"
has_line "isolation: hello output intact" "$LOG" "(d4) hypervisor: pvkit (xen 4.17, DT says 4.17)"
has_line "isolation: spin finishes" "$LOG" "(d5) spin: done"
is "isolation: exit status = 3 crashed domains" "$RC" 3

# 5. 100,000 random hypercalls (seed in dts/hyp/fuzz.dts) beside two other domains.
hyp fuzz fuzz --smp 2
has_line "fuzz: seed printed" "$LOG" "(d1) fuzz: seed 12345, 100000 calls"
has_line "fuzz: all calls made" "$LOG" "(d1) fuzz: done"
has_line "fuzz: the timer guest unaffected" "$LOG" "(d3) timer: 100 of 100 deadlines"
is "fuzz: exit status 0" "$RC" 0

# 6. Bad configs: each rejected naming the domain and the property; the good one runs.
hyp bad bad --smp 2
has_match "bad: overlapping module" "$LOG" '\(hyp\) d2 \(overlap\): not started: kernel module: "reg" 0x60001000\+0x1000 overlaps a module of domain good'
has_match "bad: memory larger than free RAM" "$LOG" '\(hyp\) d3 \(bigmem\): not started: property "memory" = 4194304 KiB: more than the free RAM .*'
has_line "bad: missing kernel" "$LOG" '(hyp) d4 (nokernel): not started: no module node with compatible "multiboot,kernel" (the image to boot)'
has_match "bad: not an Image" "$LOG" '\(hyp\) d5 \(notimage\): not started: kernel module at 0x[0-9a-f]+: no arm64 Image header .*'
has_line "bad: bad policy value" "$LOG" '(hyp) d6 (badpolicy): not started: property "pvkit,on-crash" = "explode": expected "destroy" or "restart"'
has_line "bad: two consoles" "$LOG" '(hyp) d8 (twocons): not started: property "pvkit,console" = "xen" and property "vpl011": a domain has one console (drop one)'
has_line "bad: the good domain runs" "$LOG" "(d1) pvkit: exit status 0"

# 7. Ctrl-C on the hyp's console (what `make run` relies on): the domain that listens
#    for Xen's control/shutdown powers itself off, the other is shut down by the hyp,
#    and the machine powers off with no domain counted as crashed.
LOG=$LOGS/hyp-ctrlc.log
fifo=$TOUT/hyp/ctrlc.fifo
rm -f "$fifo" "$TOUT/hyp/ctrlc.rc"
mkfifo "$fifo"
( "$TOP/scripts/hyp-run" --exit-status --timeout "${BOOT_TIMEOUT:-120}" --out "$TOUT/hyp" \
	"$TOP/dts/hyp/ctrlc.dts" <"$fifo" >"$LOG.raw" 2>&1; echo $? >"$TOUT/hyp/ctrlc.rc" ) &
exec 7>"$fifo"
for _ in $(seq 600); do	# until both run (at most a minute)
	grep -q "(d1) ticker: tick 0" "$LOG.raw" && grep -q "(d2) spin: spinning" "$LOG.raw" &&
		break
	sleep 0.1
done
printf '\003' >&7
wait
exec 7>&-
tr -d '\r' <"$LOG.raw" >"$LOG"
has_line "ctrlc: the hyp asks" "$LOG" "(hyp) d1 (ticker): asked to power off"
has_line "ctrlc: the guest hears it" "$LOG" "(d1) pvkit: xenbus: the hypervisor asks us to power off"
has_line "ctrlc: the guest that does not listen is shut down" "$LOG" "(hyp) d2 (spin): shut down by the hyp"
ended d1 ticker "powered off"
ended d2 spin "powered off"
is "ctrlc: exit status 0" "$(cat "$TOUT/hyp/ctrlc.rc" 2>/dev/null)" 0

# 8. Host devices: the hyp drives two virtio-blk disks (one read-only) and a virtio-net
#    device itself (drivers/virtio built for EL2); the guests run as before.
truncate -s 1M "$TOUT/hostdev-a.img"
truncate -s 2M "$TOUT/hostdev-b.img"
hyp hostdev timer --smp 2 --disk "$TOUT/hostdev-a.img" --disk "$TOUT/hostdev-b.img,ro" \
	--net user
has_line "hostdev: disk 0 found" "$LOG" "(hyp) virtio-blk0: host disk, 2048 sectors"
has_line "hostdev: disk 1 found, read-only" "$LOG" "(hyp) virtio-blk1: host disk, 4096 sectors, read-only"
has_match "hostdev: NIC found" "$LOG" '\(hyp\) virtio-net0: host NIC, mac 52:54:00:12:34:56 mtu 1500'
has_line "hostdev: the guests still run" "$LOG" "(d1) timer: 100 of 100 deadlines"
is "hostdev: exit status 0" "$RC" 0
