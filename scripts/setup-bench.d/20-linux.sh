# The Linux guest the service benchmarks compare against (bench/targets/linux.sh):
# Debian's arm64 kernel, busybox-static, nginx and redis-server's binary (redis-tools),
# plus the shared libraries those two need, resolved by apt from an empty system.
# bench/linux/mkinitramfs builds the guest's initramfs from what lands here.
step "Linux guest (arm64 packages)"
# Bump LINUX_RECIPE when the package selection below changes: it forces a new fetch.
LINUX_RECIPE=2
if [ "$(cat "$BENCH_DEPS/linux/.recipe" 2>/dev/null)" = "$LINUX_RECIPE" ]; then
	done_ "present"
elif need "deps/bench/linux"; then
	apt_private
	kernel=$(apt-cache "${APT_OPTS[@]}" depends linux-image-arm64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)$/\1/p' | head -1)
	[ -n "$kernel" ] || fail "cannot resolve linux-image-arm64 to a kernel package"
	# The services' library closure as apt resolves it on an empty system: keep the
	# libraries, leave out what only a full install needs (debconf, passwd, ...).
	libs=$(apt-get "${APT_OPTS[@]}" -s install --no-install-recommends nginx redis-tools \
		2>/dev/null | awk '$1 == "Inst" && $2 ~ /^(lib|zlib)/ { print $2 }')
	[ -n "$libs" ] || fail "cannot resolve the libraries of nginx and redis-tools"
	bench_debs "$BENCH_DEPS/linux" "$kernel" busybox-static nginx nginx-common redis-tools \
		$libs
	echo "$LINUX_RECIPE" >"$BENCH_DEPS/linux/.recipe"
fi
