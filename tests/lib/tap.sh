# TAP helpers and QEMU boot helpers for the shell tests in tests/boot.
# A test file sources this, calls plan N, then ok/is/like/... once per test point.
TOP=${PVKIT_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TOUT=${PVKIT_TEST_OUT:-$TOP/build/test}
LOGS=$TOUT/logs
APPS=$TOP/build/apps
TAPPS=$TOP/build/tests/apps
mkdir -p "$LOGS"
_n=0

plan() { echo "1..$1"; }
pass() { _n=$((_n + 1)); echo "ok $_n - $1"; }
fail() { _n=$((_n + 1)); echo "not ok $_n - $1"; shift; for d in "$@"; do echo "# $d"; done; }
# ok DESC CMD...: passes if CMD succeeds.
ok() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d" "failed: $*"; fi; }
# is DESC GOT WANT
is() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  '$2'" "want: '$3'"; fi; }
# has_line DESC LOG LINE: LOG contains LINE as a whole line (exact match).
has_line() {
	if grep -qxF -- "$3" "$2"; then pass "$1"; else fail "$1" "no line '$3' in $2"; fi
}
# has_match DESC LOG REGEX: some whole line of LOG matches the extended regex.
has_match() {
	if grep -qxE -- "$3" "$2"; then pass "$1"; else fail "$1" "no line matching /$3/ in $2"; fi
}
lacks_match() {
	if grep -qxE -- "$3" "$2"; then fail "$1" "unexpected line matching /$3/ in $2"; else pass "$1"; fi
}
# Value after "key: " on the line starting with key, from LOG.
field() { sed -n "s/^$2: //p" "$1" | head -1 | tr -d '\r'; }

# boot NAME [qemu-run options] IMAGE: boots with a timeout (default 60 s), console in
# $LOGS/NAME.log; sets LOG and RC (124 = timeout).
boot() {
	local name=$1
	shift
	LOG=$LOGS/$name.log
	"$TOP/scripts/qemu-run" --timeout "${BOOT_TIMEOUT:-60}" "$@" </dev/null 2>&1 |
		tr -d '\r' >"$LOG"
	RC=${PIPESTATUS[0]}
}

# The final console line names the exit status; it must be the last line.
last_line() { grep -v '^$' "$1" | tail -1; }

# The DT QEMU gives `-M virt` with the options the tests use, as DTS text (cached).
virt_dts() {
	local dtb=$TOUT/virt-qemu.dtb
	if [ ! -f "$TOUT/virt-qemu.dts" ]; then
		qemu-system-aarch64 -M "virt,gic-version=3,dumpdtb=$dtb" -cpu cortex-a72 -m 128M \
			-nographic -nic none >/dev/null 2>&1
		dtc -q -I dtb -O dts -o "$TOUT/virt-qemu.dts" "$dtb"
	fi
	cat "$TOUT/virt-qemu.dts"
}

# boot_raw NAME QEMU-ARGS...: QEMU virt without -kernel (tests place images themselves
# with -device loader); console in $LOGS/NAME.log, sets LOG and RC.
boot_raw() {
	local name=$1
	shift
	LOG=$LOGS/$name.log
	timeout -k 2 "${BOOT_TIMEOUT:-60}" qemu-system-aarch64 -M virt,gic-version=3 \
		-cpu cortex-a72 -m 128M -nographic -nic none -no-reboot -semihosting "$@" \
		</dev/null 2>&1 |
		tr -d '\r' >"$LOG"
	RC=${PIPESTATUS[0]}
}
