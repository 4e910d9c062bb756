# drivers/virtio/: virtio-mmio transport, split virtqueues, and the block, net and
# console devices (mk/runtime.mk builds them into libpvkit-virtio.a).
drv-virtio-y += drivers/virtio/mmio.c drivers/virtio/virtq.c drivers/virtio/blk.c \
	drivers/virtio/net.c drivers/virtio/csum.c drivers/virtio/console.c
