# Builds lwIP (from the Debian lwip source package in deps/lwip) as a static library,
# deps/lwip/lib-$(LIBC)/liblwip.a, configured by runtime/net/lwip/include/lwipopts.h.
PVKIT ?= $(CURDIR)
include $(PVKIT)/mk/toolchain.mk
include $(PVKIT)/mk/deps.mk

LWIP_PORT_INC := $(PVKIT)/runtime/net/lwip/include
LWIP_OUT := $(DEPS)/lwip/lib-$(LIBC)
LWIP_LIB := $(LWIP_OUT)/liblwip.a

LWIP_SRCS := $(addprefix $(LWIP_SRC)/core/, def.c inet_chksum.c init.c ip.c mem.c memp.c \
	netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c tcp_out.c timeouts.c udp.c) \
	$(addprefix $(LWIP_SRC)/core/ipv4/, dhcp.c etharp.c icmp.c ip4.c ip4_addr.c \
	ip4_frag.c acd.c) \
	$(addprefix $(LWIP_SRC)/api/, api_lib.c api_msg.c err.c if_api.c netbuf.c netdb.c \
	sockets.c tcpip.c) \
	$(LWIP_SRC)/netif/ethernet.c
LWIP_SRCS := $(wildcard $(LWIP_SRCS))
LWIP_OBJS := $(patsubst $(LWIP_SRC)/%.c,$(LWIP_OUT)/%.o,$(LWIP_SRCS))
# lwIP is third-party code: its own warnings are not ours to -Werror on.
LWIP_CFLAGS := $(filter-out -Werror -Wextra,$(TARGET_CFLAGS)) -O2 -w \
	-I$(LWIP_PORT_INC) -I$(LWIP_SRC)/include -I$(PVKIT)/include

.DEFAULT_GOAL := $(LWIP_LIB)

$(LWIP_SRC)/core/init.c:
	@echo "pvkit: lwIP sources are missing from $(LWIP_SRC): run 'make setup'" >&2; exit 1

$(LWIP_OUT)/%.o: $(LWIP_SRC)/%.c $(LWIP_PORT_INC)/lwipopts.h
	$(call quiet,CC,lwip/$*.c)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LWIP_CFLAGS) -c $< -o $@

$(LWIP_LIB): $(LWIP_SRC)/core/init.c $(LWIP_OBJS)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $(LWIP_OBJS)

-include $(LWIP_OBJS:.o=.d)
