#!/usr/bin/env bash
# Faults give a crash report naming the fault, a backtrace with symbols, and exit status
# 255 (console line and QEMU status) -- never a hang.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$TAPPS/crash.img
plan 18

report() {	# mode, expected report line (regex)
	boot "crash-$1" --append "crash=$1" "$IMG"
	is "$1: exits with the crash status" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 255 rc=255"
	has_match "$1: report names the fault" "$LOG" "$2"
}

report null 'pvkit: CRASH: data abort \(translation fault, level [0-3]\) on read at 0'
has_match "null: report names the function" "$LOG" 'pvkit:   thread "main", pc 0x[0-9a-f]+ <null_deref\+0x[0-9a-f]+>'
has_match "null: backtrace reaches main" "$LOG" 'pvkit:     #[1-9] 0x[0-9a-f]+ <main\+0x[0-9a-f]+>( \(lr\))?'
has_match "null: all registers printed" "$LOG" 'pvkit:   x30 [0-9a-f]{16}  sp  [0-9a-f]{16}'

report undef 'pvkit: CRASH: undefined instruction'
has_match "undef: esr names the class" "$LOG" 'pvkit:   esr 0x02000000 far .*'

report stack 'pvkit: CRASH: data abort \(translation fault, level 3\) on write at 0xff80[0-9a-f]+'
has_line "stack: identified as a stack overflow" "$LOG" \
	"pvkit:   stack overflow: the access hit the guard page below the stack"
has_match "stack: backtrace shows the recursion" "$LOG" 'pvkit:     #5 0x[0-9a-f]+ <recurse\+0x[0-9a-f]+>'

report canary 'pvkit: error: CRASH: stack protector: the stack frame of the function at 0x[0-9a-f]+ <smash[.a-z0-9]*\+0x[0-9a-f]+> was overwritten'
report abort 'pvkit: error: CRASH: signal 6 raised \(abort\)'

# PSCI SYSTEM_RESET through the discovered conduit: QEMU (-no-reboot) exits cleanly.
boot crash-reboot --append "crash=reboot" "$IMG"
is "reboot: last line and QEMU status" "$(last_line "$LOG") rc=$RC" "pvkit: reboot rc=0"
lacks_match "reboot: no exit status line (it reset)" "$LOG" 'pvkit: exit status.*'
