# Memory: the smallest guest RAM with which each app boots and passes its smoke test,
# found by bisection. QEMU itself needs at least 3 MiB for -kernel (it puts its DT
# 2 MiB-aligned after the image, docs/BOOT.md), which hides what the runtime needs; so
# the image is booted through the test suite's shim (tests/boot/shim.S) with a DT whose
# memory node we write: RAM = [0x40400000, +SIZE), the image loaded at its start, the
# DT outside it. SIZE is bisected in MEM_STEP steps; the figure includes the image.
MEM_BASE=0x40400000
MEM_HI=$((64 << 20))

# smoke_APP LOG RC: 0 if the app did what its smoke test expects (hello: greets and exits
# 0; hcbench: a token run to its end; ticker: its greeting).
smoke_hello() { grep -qx 'hello from pvkit' "$1" && mem_exited_0 "$1" "$2"; }
smoke_hcbench() { grep -qx 'bench: end' "$1" && mem_exited_0 "$1" "$2"; }
mem_exited_0() { [ "$2" = 0 ] && [ "$(grep -v '^$' "$1" | tail -1)" = "pvkit: exit status 0" ]; }
# Apps that never exit pass once their smoke line appears (MEM_UP_<app>, a regex):
# the run then ends there.
smoke_ticker() { grep -q '^ticker: type a line' "$1"; }
MEM_UP_ticker='^ticker: type a line'
# The network apps get a NIC (user networking) and a static address; they pass once
# serving (their smoke line), and the run is stopped there.
smoke_httpd() { grep -q '^pvkit: httpd: serving ' "$1"; }
MEM_UP_httpd='^pvkit: httpd: serving '
smoke_kvstore() { grep -q '^pvkit: kvstore: listening on port 6379' "$1"; }
MEM_UP_kvstore='^pvkit: kvstore: listening on port 6379'
MEM_BOOTARGS_httpd="ip=10.0.2.15/24 gw=10.0.2.2"
MEM_BOOTARGS_kvstore=$MEM_BOOTARGS_httpd
MEM_NIC=(-netdev user,id=n0 -device virtio-net-device,netdev=n0)
# Bootargs each app gets in the memory test (hcbench: a token run).
MEM_BOOTARGS_hcbench="iters=10 rounds=1"

mem_setup() {
	local W=$WORK/memory
	mkdir -p "$W"
	aarch64-linux-gnu-gcc -nostdlib -Wl,-Ttext=0x40200000 -Wl,--build-id=none \
		-DIMAGE_ADDR=$MEM_BASE -DDTB_ADDR=0x40300000 -o "$W/shim.elf" \
		"$TOP/tests/boot/shim.S" &&
		aarch64-linux-gnu-objcopy -O binary -j .text "$W/shim.elf" "$W/shim.bin" &&
		qemu-system-aarch64 -M "virt,gic-version=3,virtualization=on,dumpdtb=$W/virt.dtb" \
			-cpu cortex-a72 -m 512M -smp 1 -nographic -nic none >/dev/null 2>&1 &&
		dtc -q -I dtb -O dts -o "$W/virt.dts" "$W/virt.dtb"
}

# mem_try APP SIZE: boot APP with SIZE bytes of RAM; 0 if its smoke test passed.
mem_try() {
	local app=$1 size=$2 W=$WORK/memory name var
	var=MEM_BOOTARGS_$app
	name=mem-$app-$((size >> 10))k
	perl -0pe "s/\tmemory\@[0-9a-f]+ \{.*?\n\t\};\n/\tmemory\@${MEM_BASE#0x} {\n\t\tdevice_type = \"memory\";\n\t\treg = <0x00 $MEM_BASE 0x00 $size>;\n\t};\n/s;
		s{(\tchosen \{\n)}{\$1\t\tbootargs = \"${!var:-}\";\n}" "$W/virt.dts" >"$W/$name.dts"
	dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || return 2
	local cmd=(qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -cpu cortex-a72
		-m 512M -smp 1 -nographic -nic none -no-reboot -semihosting
		-device "loader,file=$W/shim.bin,addr=0x40200000,cpu-num=0,force-raw=on"
		-device "loader,file=$TOP/build/apps/$app.img,addr=$MEM_BASE,force-raw=on"
		-device "loader,file=$W/$name.dtb,addr=0x40300000,force-raw=on")
	case $app in httpd | kvstore) cmd+=("${MEM_NIC[@]}") ;; esac
	meta command "$name: $(printf "%q " "${cmd[@]}" | sed -e "s/\\\\,/,/g" -e "s|$TOP/||g")"
	local up=MEM_UP_$app rc pid i
	timeout -k 2 20 "${cmd[@]}" </dev/null >"$LOGS/$name.log" 2>&1 &
	pid=$!
	if [ -n "${!up:-}" ]; then
		for i in $(seq 100); do
			grep -qE "${!up}" "$LOGS/$name.log" && { kill $pid 2>/dev/null; break; }
			kill -0 $pid 2>/dev/null || break
			sleep 0.2
		done
	fi
	wait $pid
	rc=$?
	tr -d '\r' <"$LOGS/$name.log" >"$LOGS/$name.tmp" && mv "$LOGS/$name.tmp" "$LOGS/$name.log"
	"smoke_$app" "$LOGS/$name.log" "$rc"
}

suite_memory() {
	local img app lo hi mid
	progress "memory: smallest RAM per app (bisection, $((MEM_STEP >> 10)) KiB steps)"
	if ! mem_setup; then
		na qemu memory_setup KiB size "could not build the shim or dump QEMU's DT"
		return
	fi
	for img in "$TOP"/build/apps/*.img; do
		app=$(basename "$img" .img)
		if ! declare -F "smoke_$app" >/dev/null; then
			na qemu "mem_min_$app" KiB size "no smoke test for $app in bench/suites/memory.sh"
			continue
		fi
		lo=$(($(stat -c %s "$img") / MEM_STEP * MEM_STEP))	# cannot hold the image
		hi=$((4 << 20))		# try a small bound first: fewer boots
		if ! mem_try "$app" $hi; then
			lo=$hi hi=$MEM_HI
			if ! mem_try "$app" $hi; then
				na qemu "mem_min_$app" KiB size "fails its smoke test even with $((hi >> 20)) MiB"
				continue
			fi
		fi
		while [ $((hi - lo)) -gt $MEM_STEP ]; do
			mid=$(((lo + hi) / 2 / MEM_STEP * MEM_STEP))
			if mem_try "$app" $mid; then hi=$mid; else lo=$mid; fi
		done
		progress "  $app: $((hi >> 10)) KiB"
		record qemu "mem_min_$app" KiB $((hi >> 10)) size "" "" \
			"smallest DT memory size (image included) passing the smoke test, $((MEM_STEP >> 10)) KiB steps"
	done
}
