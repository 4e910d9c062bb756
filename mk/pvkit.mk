# pvkit.mk — build an application into a bootable pvkit image.
#
# An application's Makefile is four lines (see docs/PORTING.md):
#
#     APP   := myapp            # image name
#     SRCS  := main.c util.c    # its sources (C or .S)
#     PVKIT ?= /path/to/pvkit
#     include $(PVKIT)/mk/pvkit.mk
#
# Optional: DRIVERS (driver sets to link; default "virtio xenbus", "" for none),
# NET (lwip: link the TCP/IP stack and its sockets API, see docs/NET.md; default none),
# APP_CFLAGS, APP_LIBS (extra archives), APP_OUT (default: build),
# LIBC=picolibc|newlib, PRINTF=integer (picolibc: a printf without floating point,
# about 4 KiB smaller; default is the full one). Produces $(APP_OUT)/$(APP).img (arm64 Image format, bootable with
# QEMU -kernel, Xen or the pvkit hyp) next to $(APP_OUT)/$(APP).elf.
# `make run` boots the image on QEMU virt.

ifndef APP
$(error pvkit.mk: set APP (the image name) before including pvkit.mk)
endif
PVKIT := $(abspath $(PVKIT))
.DEFAULT_GOAL := all
include $(PVKIT)/mk/toolchain.mk
include $(PVKIT)/mk/deps.mk
include $(PVKIT)/mk/runtime.mk

APP_OUT  ?= build
DRIVERS  ?= virtio xenbus
DRV_LIBS := $(foreach d,$(DRIVERS),$(RT_OUT)/libpvkit-$(d).a)
NET      ?=
ifeq ($(NET),lwip)
include $(PVKIT)/mk/net.mk
APP_NET_LIBS := $(NET_LIB) $(LWIP_LIB)
APP_CPPFLAGS := $(NET_CPPFLAGS)
else ifneq ($(NET),)
$(error pvkit.mk: NET must be 'lwip' or empty, not '$(NET)')
endif
APP_OBJ  := $(APP_OUT)/obj/$(APP)
APP_OBJS := $(patsubst %,$(APP_OBJ)/%.o,$(basename $(SRCS)))
IMG      := $(APP_OUT)/$(APP).img
ELF      := $(APP_OUT)/$(APP).elf

.PHONY: all run clean
all: $(IMG)

$(APP_OBJ)/%.o: %.c
	$(call quiet,CC,$(APP)/$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(OPT) $(TARGET_CFLAGS) $(PVKIT_CPPFLAGS) $(APP_CPPFLAGS) $(APP_CFLAGS) -c $< -o $@

$(APP_OBJ)/%.o: %.S
	$(call quiet,AS,$(APP)/$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_ASFLAGS) $(PVKIT_CPPFLAGS) $(APP_CFLAGS) -c $< -o $@

# Two links: the first finds the text symbols, which become the crash report's symbol
# table in a section placed after .data, so the second link leaves every text address
# as it was (checked below).
ifeq ($(LIBC)$(strip $(PRINTF)),picolibcinteger)
APP_LDFLAGS += -Wl,--defsym=vfprintf=__i_vfprintf -Wl,--defsym=vfscanf=__i_vfscanf
endif

LINK = $(CC) $(TARGET_LDFLAGS) $(APP_LDFLAGS) -T $(PVKIT_LDS) -o $@ $(PVKIT_HEAD) $(APP_OBJS) \
	-Wl,--whole-archive $(PVKIT_LIB) $(DRV_LIBS) -Wl,--no-whole-archive $(NET_LIBS) $(APP_LIBS) \
	$(LIBFDT_LIB) $(LIBC_LIBS)

$(APP_OBJ)/syms0.S:
	@mkdir -p $(dir $@)
	$(Q)$(PVKIT)/scripts/mksyms /dev/null >$@

$(APP_OBJ)/%.syms.o: $(APP_OBJ)/%.S
	$(Q)$(CC) $(TARGET_ASFLAGS) -c $< -o $@

$(APP_OBJ)/pass1.elf: $(APP_OBJS) $(PVKIT_HEAD) $(PVKIT_LIB) $(DRV_LIBS) $(APP_NET_LIBS) $(APP_OBJ)/syms0.syms.o $(PVKIT_LDS) $(LIBFDT_LIB) $(LIBC_FILES)
	$(call quiet,LD,$(APP) (pass 1))
	$(Q)$(LINK) $(APP_OBJ)/syms0.syms.o

$(APP_OBJ)/syms1.S: $(APP_OBJ)/pass1.elf $(PVKIT)/scripts/mksyms
	$(Q)NM=$(NM) $(PVKIT)/scripts/mksyms $< >$@

$(ELF): $(APP_OBJ)/pass1.elf $(APP_OBJ)/syms1.syms.o
	$(call quiet,LD,$@)
	$(Q)$(LINK) $(APP_OBJ)/syms1.syms.o
	$(Q)$(NM) -n $(APP_OBJ)/pass1.elf | grep ' [tT] ' >$(APP_OBJ)/t1.txt; \
	    $(NM) -n $@ | grep ' [tT] ' >$(APP_OBJ)/t2.txt; \
	    cmp -s $(APP_OBJ)/t1.txt $(APP_OBJ)/t2.txt || \
	    { echo "pvkit.mk: text moved between link passes of $@" >&2; rm -f $@; exit 1; }

$(IMG): $(ELF)
	$(call quiet,IMAGE,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

run: $(IMG)
	$(PVKIT)/scripts/qemu-run $(IMG)

clean:
	rm -rf $(APP_OBJ) $(IMG) $(ELF)

-include $(APP_OBJS:.o=.d)
