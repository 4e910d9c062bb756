#!/usr/bin/env bash
# The same hello built against newlib (LIBC=newlib) behaves the same way.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$TOP/build/newlib/apps/hello.img
plan 9
ok "newlib hello image exists" test -f "$IMG"
for el in 1 2; do
	for gic in 2 3; do
		id="newlib-el$el-gic$gic"
		boot "$id" $([ $el = 2 ] && echo --el2) --gic $gic "$IMG"
		is "$id: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
		is "$id: reports newlib, GIC, EL" \
			"$(field "$LOG" libc) | $(field "$LOG" gic) | $(field "$LOG" 'entered at')" \
			"newlib | v$gic | EL$el"
	done
done
