#!/usr/bin/env bash
# Scheduler, wait queues, sleeps and timers (tests/apps/threads), on GICv2 and GICv3.
# -icount: virtual time follows instructions, so a busy host cannot reorder deadlines.
. "$(dirname "$0")/../lib/tap.sh"
IMG=$TAPPS/threads.img
checks="pingpong sleep-order sleep-min timer-cancel timer-once timer-deadline wait-timeout churn event-no-lost-wakeup event-timeout errno-tls"
plan $((2 * (12 + 1)))
for gic in 2 3; do
	boot "threads-gic$gic" --icount --gic $gic "$IMG"
	is "gic$gic: exits 0" "$(last_line "$LOG") rc=$RC" "pvkit: exit status 0 rc=0"
	for c in $checks; do
		has_line "gic$gic: $c" "$LOG" "check: $c: ok"
	done
	has_line "gic$gic: no failures" "$LOG" "threads: 0 failures"
done
