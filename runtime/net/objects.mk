# runtime/net/: pvkit's lwIP port, linked only into apps with NET := lwip (mk/net.mk).
net-y += runtime/net/sys_arch.c runtime/net/port.c runtime/net/netif.c \
	runtime/net/ipconf.c runtime/net/netstack.c
