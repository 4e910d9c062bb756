# hyp/core: portable parts (domains, vCPUs, scheduler, memory, config, console).
hyp-y += hyp/core/main.c hyp/core/config.c hyp/core/image.c hyp/core/mem.c \
	hyp/core/sched.c hyp/core/domain.c hyp/core/guest_dt.c hyp/core/console.c \
	hyp/core/log.c hyp/core/vpl011.c hyp/core/mmio.c hyp/core/fault.c \
	hyp/core/drvenv.c hyp/core/devices.c hyp/core/libc.c hyp/core/shutdown.c
