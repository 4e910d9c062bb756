# The UART every image has, and the driver attach loop (probe.c) both hosts use.
rt-y += drivers/serial/pl011.c drivers/probe.c
