# runtime/: the guest runtime core (portable C; arch code is under arch/aarch64/).
rt-y += runtime/early.c runtime/boot.c runtime/memory.c runtime/physmem.c \
	runtime/console.c runtime/console_uart.c runtime/console_xen.c \
	runtime/log.c runtime/exit.c \
	runtime/crash.c runtime/irq.c runtime/time.c runtime/timerq.c runtime/sched.c \
	runtime/stack.c runtime/tls.c runtime/ssp.c runtime/drvenv.c \
	runtime/discover.c runtime/hypercall.c runtime/devices.c runtime/blk.c runtime/smp.c
