# Builds the guest runtime (runtime/, lib/, drivers/) into $(PVKIT_OUT)/runtime/libpvkit.a
# plus the boot object head.o, which every image links first.
# Each source directory lists its files in an objects.mk fragment.

RT_OUT := $(PVKIT_OUT)/runtime
rt-y :=
include $(PVKIT)/runtime/objects.mk
include $(PVKIT)/runtime/arch/aarch64/objects.mk
include $(PVKIT)/runtime/libc/objects.mk
include $(PVKIT)/lib/objects.mk
include $(PVKIT)/drivers/serial/objects.mk
-include $(PVKIT)/drivers/virtio/objects.mk
-include $(PVKIT)/drivers/xenbus/objects.mk

PVKIT_LIB   := $(RT_OUT)/libpvkit.a
PVKIT_HEAD  := $(RT_OUT)/runtime/arch/aarch64/head.o
PVKIT_LDS   := $(PVKIT)/runtime/arch/aarch64/image.ld
PVKIT_VERSION := $(shell cat $(PVKIT)/VERSION 2>/dev/null || echo unknown)
PVKIT_CPPFLAGS := -I$(PVKIT)/include -I$(LIBFDT_INC) \
	-DPVKIT_LIBC_NAME='"$(LIBC)"' -DPVKIT_VERSION='"$(PVKIT_VERSION)"'
RT_CPPFLAGS := $(PVKIT_CPPFLAGS) -I$(PVKIT)/runtime -I$(PVKIT)/runtime/arch/aarch64/include \
	-I$(PVKIT)/drivers -I$(PVKIT)/lib

RT_OBJS := $(patsubst %,$(RT_OUT)/%.o,$(basename $(rt-y)))

RT_OPT ?= -Os
$(RT_OBJS): OPT = $(RT_OPT)

$(RT_OUT)/%.o: $(PVKIT)/%.c $(LIBFDT_LIB)
	$(call quiet,CC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(OPT) $(TARGET_CFLAGS) $(RT_CPPFLAGS) -c $< -o $@

$(RT_OUT)/%.o: $(PVKIT)/%.S
	$(call quiet,AS,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_ASFLAGS) $(RT_CPPFLAGS) -c $< -o $@

$(PVKIT_LIB): $(RT_OBJS)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

-include $(RT_OBJS:.o=.d) $(PVKIT_HEAD:.o=.d)
