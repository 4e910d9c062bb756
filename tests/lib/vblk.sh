# The checks tests/apps/vblk reports ("check: NAME: ok"), for the tests that run it
# (virtio-blk.t on bare QEMU, xenblk.t on the hyp): on every disk, on a writable one
# only, on a read-only one only. `count LIST` gives their number for plan.
common="first-read max-len-sane async-read-verify async-inflight sync-read-stack
	einval-past-end einval-straddles-end einval-sector-wraps einval-partial-sector
	einval-empty einval-null-buffer einval-over-max-len einval-bad-op
	einval-async-past-end last-sector-readable max-inflight-accepted eagain-beyond-max
	max-inflight-completed"
rw_only="async-write flush-sync sync-write-stack sync-read-stack-written flush-async
	read-back-verify"
ro_only="erofs-sync-write erofs-async-write"
count() { echo $#; }
