# Sizes: every app image (file bytes, and bytes in memory including .bss, from the
# Image header's image_size), the hypervisors' images, and source line counts.
suite_size() {
	local img app loaded
	progress "size: images and line counts"
	for img in "$TOP"/build/apps/*.img; do
		[ -f "$img" ] || continue
		app=$(basename "$img" .img)
		record pvkit "image_$app" bytes "$(stat -c %s "$img")" size "" "" "file size"
		loaded=$(od -An -t u8 -j 16 -N 8 "$img" | tr -d ' ')
		record pvkit "image_${app}_loaded" bytes "$loaded" size "" "" \
			"Image header image_size: file plus .bss"
	done
	if [ -f "$TOP/build/hyp/hyp.img" ]; then
		record pvkit image_hypervisor bytes "$(stat -c %s "$TOP/build/hyp/hyp.img")" size
	else
		na pvkit image_hypervisor bytes size "the pvkit hyp is not built on this branch"
	fi
	if [ -n "${XEN_BIN:-}" ]; then
		record xen-4.17 image_hypervisor bytes "$(stat -c %s "$XEN_BIN")" size "" "" \
			"$(basename "$XEN_BIN") from xen-hypervisor-4.17-arm64"
	else
		na xen-4.17 image_hypervisor bytes size "Xen 4.17 not fetched"
	fi
	if [ -n "${LINUX_KERNEL:-}" ]; then
		record linux image_kernel bytes "$(stat -c %s "$LINUX_KERNEL")" size "" "" \
			"$(basename "$LINUX_KERNEL") from Debian's linux-image-arm64 (uncompressed Image)"
		local initrd
		initrd=$(linux_initramfs)
		[ -f "$initrd" ] && record linux image_initramfs bytes "$(stat -c %s "$initrd")" size \
			"" "" "the Linux guest's initramfs (gzip): busybox, nginx, redis-server, libraries"
	else
		na linux image_kernel bytes size "the Linux guest is not in deps/bench/linux"
	fi
	record pvkit lines_runtime count "$(src_lines runtime lib include drivers)" size "" "" \
		"non-blank lines of .c .h .S in runtime/ lib/ include/ drivers/"
	if [ -d "$TOP/hyp" ]; then
		record pvkit lines_hypervisor count "$(src_lines hyp)" size "" "" \
			"non-blank lines of .c .h .S in hyp/"
	else
		na pvkit lines_hypervisor count size "the pvkit hyp is not on this branch yet"
	fi
}

src_lines() {
	(cd "$TOP" && find "$@" -name '*.[chS]' -print0 2>/dev/null | xargs -0 cat | grep -c .)
}
