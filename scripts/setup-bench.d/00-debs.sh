# Sourced by scripts/setup --bench (before the other setup-bench.d fragments): a helper
# that fetches Debian arm64 binary packages through setup's private apt configuration
# and unpacks them with dpkg -x. Uses setup's APT_OPTS, apt_private, need, fail, step.
#
#   bench_debs DIR PKG...   unpack each PKG (arm64) into DIR; DIR/.debs lists the
#                           package files, so a second run with the same list does
#                           nothing. Returns 1 in --check mode when DIR is missing.
BENCH_DEPS=$DEPS/bench

bench_debs() {
	local dir=$1 tmp deb want
	shift
	want="$*"
	if [ -f "$dir/.pkgs" ] && [ "$(cat "$dir/.pkgs")" = "$want" ]; then
		done_ "present"
		return 0
	fi
	need "${dir#$DEPS/} ($want)" || return 1
	apt_private
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get "${APT_OPTS[@]}" download "${@/%/:arm64}" >"$tmp/log" 2>&1) ||
		fail "could not download $want for arm64 (see $APTDIR/update.log): $(tail -1 "$tmp/log")"
	rm -rf "$dir"
	mkdir -p "$dir"
	for deb in "$tmp"/*.deb; do
		dpkg -x "$deb" "$dir" || fail "could not unpack $(basename "$deb")"
		basename "$deb" >>"$dir/.debs"
	done
	echo "$want" >"$dir/.pkgs"
	rm -rf "$tmp"
	done_ "fetched ($(wc -l <"$dir/.debs") packages)"
}
