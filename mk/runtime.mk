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

# Optional driver sets, each its own archive; an image links the ones in DRIVERS.
# drivers/<set>/objects.mk lists files in drv-<set>-y; a directory may define a
# smaller set too (drivers/xenbus: xenbus-core).
DRIVER_SETS := virtio xenbus xenbus-core
$(foreach s,$(DRIVER_SETS),$(eval drv-$(s)-y :=))
-include $(wildcard $(foreach s,$(DRIVER_SETS),$(PVKIT)/drivers/$(s)/objects.mk))

PVKIT_LIB   := $(RT_OUT)/libpvkit.a
PVKIT_HEAD  := $(RT_OUT)/runtime/arch/aarch64/head.o
PVKIT_LDS   := $(PVKIT)/runtime/arch/aarch64/image.ld
PVKIT_VERSION := $(shell cat $(PVKIT)/VERSION 2>/dev/null || echo unknown)
PVKIT_CPPFLAGS := -I$(PVKIT)/include -I$(LIBFDT_INC) \
	-DPVKIT_LIBC_NAME='"$(LIBC)"' -DPVKIT_VERSION='"$(PVKIT_VERSION)"'
RT_CPPFLAGS := $(PVKIT_CPPFLAGS) -I$(PVKIT)/runtime -I$(PVKIT)/runtime/arch/aarch64/include \
	-I$(PVKIT)/drivers -I$(PVKIT)/lib

RT_OBJS := $(patsubst %,$(RT_OUT)/%.o,$(basename $(rt-y)))
drv_objs = $(patsubst %,$(RT_OUT)/%.o,$(basename $(drv-$(1)-y)))
DRV_LIBS_ALL := $(foreach s,$(DRIVER_SETS),$(RT_OUT)/libpvkit-$(s).a)

RT_OPT ?= -Os
$(RT_OBJS): OPT = $(RT_OPT)
# Drivers run on the data path: -O2.
$(foreach s,$(DRIVER_SETS),$(call drv_objs,$(s))): OPT = -O2

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

# The lists too: a file taken out of a set must leave its archive.
.SECONDEXPANSION:
$(RT_OUT)/libpvkit-%.a: $$(call drv_objs,$$*) $(wildcard $(PVKIT)/drivers/*/objects.mk)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)

-include $(RT_OBJS:.o=.d) $(PVKIT_HEAD:.o=.d) \
	$(foreach s,$(DRIVER_SETS),$(patsubst %.o,%.d,$(call drv_objs,$(s))))
