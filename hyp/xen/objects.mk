# hyp/xen: the Xen hypercall interface (issue 6 adds evtchn, gnttab, xenstore here).
hyp-y += hyp/xen/hypercall.c hyp/xen/version.c hyp/xen/console_io.c hyp/xen/sched_op.c
