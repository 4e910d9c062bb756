# lwIP (the Debian lwip source package, unpacked into deps/lwip by scripts/setup) as a
# static library, $(PVKIT_OUT)/lwip/liblwip.a, configured by pvkit's
# runtime/net/lwip/include/lwipopts.h. It is built under build/, not deps/, because
# its configuration belongs to this tree: two checkouts sharing deps/ may differ.
# Included by mk/net.mk (after toolchain.mk and deps.mk); never builds on its own.

LWIP_PORT_INC := $(PVKIT)/runtime/net/lwip/include
LWIP_OUT := $(PVKIT_OUT)/lwip
LWIP_LIB := $(LWIP_OUT)/liblwip.a

LWIP_SRCS := $(addprefix $(LWIP_SRC)/core/, def.c inet_chksum.c init.c ip.c mem.c memp.c \
	netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c tcp_out.c timeouts.c udp.c) \
	$(addprefix $(LWIP_SRC)/core/ipv4/, dhcp.c etharp.c icmp.c ip4.c ip4_addr.c \
	ip4_frag.c) \
	$(addprefix $(LWIP_SRC)/api/, api_lib.c api_msg.c err.c netbuf.c sockets.c tcpip.c) \
	$(LWIP_SRC)/netif/ethernet.c
LWIP_OBJS := $(patsubst $(LWIP_SRC)/%.c,$(LWIP_OUT)/%.o,$(LWIP_SRCS))
# lwIP is third-party code: its own warnings are not ours to -Werror on.
LWIP_CFLAGS := $(filter-out -Werror -Wextra,$(TARGET_CFLAGS)) -O2 -w $(NET_CPPFLAGS) \
	-I$(PVKIT)/include

$(LWIP_SRC)/%.c:
	@echo "pvkit: lwIP source $@ is missing: run 'make setup'" >&2; exit 1

$(LWIP_OUT)/%.o: $(LWIP_SRC)/%.c $(PVKIT)/mk/net.mk
	$(call quiet,CC,lwip/$*.c)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LWIP_CFLAGS) -c $< -o $@

$(LWIP_LIB): $(LWIP_OBJS)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $(LWIP_OBJS)

-include $(LWIP_OBJS:.o=.d)
