# Where third-party code fetched by scripts/setup lives, and how we check for it.

LIBFDT_DIR  := $(DEPS)/libfdt
LIBFDT_INC  := $(LIBFDT_DIR)/include
LIBFDT_LIB  := $(LIBFDT_DIR)/lib/libfdt.a
LWIP_SRC    := $(DEPS)/lwip/src

$(LIBFDT_LIB):
	@echo "pvkit: $@ is missing: run 'make setup' (or scripts/setup) first" >&2; exit 1
