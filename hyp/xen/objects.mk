# hyp/xen: the Xen interface. Hypercall decoding (*_op.c), event channels, grant
# tables, xenstore (portable core xs_*.c, ring glue xenstore.c), backends.
hyp-y += $(addprefix hyp/xen/, hypercall.c version.c console_io.c sched_op.c \
	memory_op.c vcpu_op.c hvm_op.c evtchn_op.c gnttab_op.c xdom.c evtchn.c gnttab.c \
	ring.c xs_store.c xs_path.c xs_node.c xs_watch.c xs_txn.c xs_proto.c xs_conn.c \
	xs_ringio.c xenstore.c console_back.c xenbus_back.c backends.c control.c \
	blkif_check.c blkback.c netif_check.c vswitch.c netback.c uplink.c)
