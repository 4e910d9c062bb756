# Builds only the runtime libraries, networking included (the top-level Makefile runs
# this before the apps so parallel app builds never race on them).
PVKIT ?= $(CURDIR)
include $(PVKIT)/mk/toolchain.mk
include $(PVKIT)/mk/deps.mk
include $(PVKIT)/mk/runtime.mk
include $(PVKIT)/mk/net.mk
.DEFAULT_GOAL := lib
.PHONY: lib net
lib: $(PVKIT_LIB) $(PVKIT_HEAD) $(DRV_LIBS_ALL) net
net: $(NET_LIB) $(LWIP_LIB)
