# Cross toolchain and the flags every AArch64 object of pvkit is built with.
# Included by mk/pvkit.mk (apps) and hyp/Makefile; expects PVKIT to be set.

CROSS   ?= aarch64-linux-gnu-
CC      := $(CROSS)gcc
AR      := $(CROSS)ar
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
OBJDUMP := $(CROSS)objdump
HOSTCC  ?= gcc

DEPS    ?= $(PVKIT)/deps
LIBC    ?= picolibc

# Where the runtime's objects go; each libc gets its own tree, as objects differ.
ifeq ($(LIBC),picolibc)
PVKIT_OUT ?= $(PVKIT)/build
LIBC_CFLAGS  := --specs=picolibc.specs
LIBC_LDFLAGS := --specs=picolibc.specs
LIBC_LIBS    :=
LIBC_FILES   :=
else ifeq ($(LIBC),newlib)
PVKIT_OUT ?= $(PVKIT)/build/newlib
NEWLIB       := $(DEPS)/newlib/install/aarch64-none-elf
LIBC_CFLAGS  := -nostdinc -isystem $(NEWLIB)/include \
		-isystem $(shell $(CC) -print-file-name=include) -D_POSIX_TIMERS=1
LIBC_LDFLAGS := -nostdlib -L$(NEWLIB)/lib
LIBC_LIBS    := -Wl,--start-group -lc -lm -lgcc -Wl,--end-group
LIBC_FILES   := $(NEWLIB)/lib/libc.a		# a rebuilt newlib relinks every image
else
$(error LIBC must be 'picolibc' or 'newlib', not '$(LIBC)')
endif

# -fpie: images relocate themselves at boot (runtime/arch/aarch64/head.S), since Xen,
# our hyp and QEMU all load them at different addresses.
# Frame pointers everywhere: the crash report walks them.
# Apps and hot paths build with -O2; the runtime core, which runs mostly once at boot,
# with -Os (mk/runtime.mk), which keeps a hello image within 64 KiB.
OPT ?= -O2
TARGET_CFLAGS := -std=gnu11 -g -march=armv8-a -fpie -fvisibility=hidden \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-ffunction-sections -fdata-sections -fstack-protector-strong \
	-fno-common -Wall -Wextra -Werror -Wno-unused-parameter \
	-MMD -MP $(LIBC_CFLAGS)

TARGET_ASFLAGS := -march=armv8-a -fpie -MMD -MP -D__ASSEMBLY__

TARGET_LDFLAGS := -static-pie -nostartfiles -Wl,--no-dynamic-linker \
	-Wl,--gc-sections -Wl,-z,max-page-size=4096 -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -Wl,-z,norelro \
	$(LIBC_LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif
# Short progress lines: "  CC      runtime/boot.o"
quiet = $(if $(Q),@printf '  %-7s %s\n' '$(1)' '$(patsubst $(PVKIT)/%,%,$(2))';)
