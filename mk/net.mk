# Networking for apps that set `NET := lwip` (mk/pvkit.mk): the lwIP library and
# pvkit's port of it (runtime/net/: threads glue, the netif on pv_net, bring-up).
# Expects toolchain.mk, deps.mk and runtime.mk to be included first.

# How many sockets the stack holds. It sizes lwIP's netconn pool (lwipopts.h) and
# libc's fd_set alike: FD_SETSIZE must be set before libc's <sys/select.h> is first
# included, which only a compiler flag given to lwIP and to every app file can do.
# Socket descriptors are 3 .. PVKIT_NET_SOCKETS + 2 (lwipopts.h: LWIP_SOCKET_OFFSET).
PVKIT_NET_SOCKETS := 128

NET_CPPFLAGS := -DPVKIT_NET_SOCKETS=$(PVKIT_NET_SOCKETS) \
	-DFD_SETSIZE=$(shell echo $$(($(PVKIT_NET_SOCKETS) + 3))) \
	-I$(PVKIT)/runtime/net/include -I$(PVKIT)/runtime/net/lwip/include -I$(LWIP_SRC)/include

include $(PVKIT)/mk/lwip.mk

net-y :=
include $(PVKIT)/runtime/net/objects.mk
NET_OBJS := $(patsubst %,$(RT_OUT)/%.o,$(basename $(net-y)))
NET_LIB  := $(RT_OUT)/libpvkit-net.a
# The port runs on the data path (every frame): -O2 like the drivers.
$(NET_OBJS): OPT = -O2
$(NET_OBJS): RT_CPPFLAGS += $(NET_CPPFLAGS)
$(NET_OBJS): $(PVKIT)/mk/net.mk

$(NET_LIB): $(NET_OBJS)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# What an app links: the port and lwIP reference each other (sys_arch, tcpip_input).
NET_LIBS := -Wl,--start-group $(NET_LIB) $(LWIP_LIB) -Wl,--end-group

-include $(NET_OBJS:.o=.d)
