rt-y += drivers/serial/pl011.c
