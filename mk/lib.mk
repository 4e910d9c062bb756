# Builds only the runtime library (the top-level Makefile runs this before the apps so
# parallel app builds never race on it).
PVKIT ?= $(CURDIR)
include $(PVKIT)/mk/toolchain.mk
include $(PVKIT)/mk/deps.mk
include $(PVKIT)/mk/runtime.mk
.DEFAULT_GOAL := lib
lib: $(PVKIT_LIB) $(PVKIT_HEAD) $(DRV_LIBS_ALL)
