# pvkit — the only entry point. `make help` lists targets and variables.

PVKIT := $(CURDIR)
LIBC  ?= picolibc
APP   ?=
HYP   ?= 0
PORT  ?=
QUICK ?= 0
export LIBC

.DEFAULT_GOAL := all
include mk/toolchain.mk
include mk/deps.mk

APPS := $(notdir $(patsubst %/Makefile,%,$(wildcard apps/*/Makefile)))
APP_OUT := $(PVKIT_OUT)/apps

.PHONY: all setup runtime apps hyp run test bench clean help lwip-lib unit fuzz \
	$(addprefix app-,$(APPS))

all: apps hyp

include hyp/Makefile

help:
	@echo "pvkit targets:"
	@echo "  make run      set up (first time), build, boot the hyp with httpd + kvstore domains"
	@echo "  make test     set up, build everything, run every test; ends 'N passed, N failed'"
	@echo "  make bench    set up, build, run the benchmarks (bench/results/, bench/report.md)"
	@echo "  make setup    install Debian packages, fetch deps/ (scripts/setup --help)"
	@echo "  make          build the runtime, every app and the hyp into $(patsubst $(PVKIT)/%,%,$(PVKIT_OUT))/"
	@echo "  make clean    remove build/ (deps/ stays; rm -rf deps for a full reset)"
	@echo "variables:"
	@echo "  APP=<name>    'make run' boots this app alone on QEMU instead: $(APPS)"
	@echo "  HYP=1         'make run' boots the hyp demo (the default; overrides APP)"
	@echo "  LIBC=newlib   build against newlib instead of picolibc"
	@echo "  PORT=<n>      first host port 'make run' forwards to a networked app"
	@echo "  QUICK=1       'make bench': the short suite"
	@echo "  V=1           show full compiler command lines"

setup:
	@scripts/setup $(if $(filter newlib,$(LIBC)),--newlib)

runtime: $(LIBFDT_LIB)
	@$(MAKE) -s --no-print-directory -f mk/lib.mk PVKIT=$(PVKIT)

apps: runtime
	@for a in $(APPS); do \
		$(MAKE) -s --no-print-directory -C apps/$$a PVKIT=$(PVKIT) APP_OUT=$(APP_OUT) || exit 1; \
	done

# lwIP as a static library, $(PVKIT_OUT)/lwip/liblwip.a (scripts/setup calls this).
lwip-lib: $(LIBFDT_LIB)
	@$(MAKE) --no-print-directory -f mk/lib.mk PVKIT=$(PVKIT) net

run: setup
	@$(MAKE) --no-print-directory all
	@scripts/run-demo $(if $(filter 1,$(HYP)),--hyp,$(APP)) $(if $(PORT),--port $(PORT))

test:
	@scripts/setup --newlib
	@$(MAKE) --no-print-directory all LIBC=picolibc
	@$(MAKE) --no-print-directory all LIBC=newlib
	@tests/run

bench:
	@scripts/setup --bench
	@$(MAKE) --no-print-directory all
	@bench/run $(if $(filter 1,$(QUICK)),--quick)

clean:
	rm -rf build
