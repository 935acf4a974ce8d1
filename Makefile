# Build, run, test and debug the kernel.
#
#   make            build build/gcc/kernel.elf (or build/clang/ with CC=clang)
#   make run        boot it in QEMU -m 2G, serial console here, `mm> ` prompt
#   make bench      the MM benchmarks under QEMU -icount, beside Linux 6.1's figures
#   make test       host tests, gcc and clang builds, QEMU boots, GDB test
#   make debug      QEMU paused, waiting for GDB on 127.0.0.1:1234 (CMDLINE=...: the
#                   kernel command line);  make gdb  attaches
#   make readme     README.md's sample boot and list of boots, from a real boot
#   make layout     pictures of the virtual and physical layout and of page-table
#                   walks, in build/layout/ (LOG=FILE: from a boot log; OUT=DIR)
#   make toolchain  build ./toolchain (i686-elf binutils + gcc) from Debian sources
#
# Every target but clean first installs missing Debian packages.

ifeq ($(filter clean toolchain,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell scripts/install-deps.sh >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error scripts/install-deps.sh failed)
endif
endif

# Compiler choice: i686-elf-gcc on PATH or in ./toolchain, else Debian's
# i686-linux-gnu-gcc; `make CC=clang` builds the same kernel with clang/lld.
ifeq ($(origin CC),default)
CROSS := $(shell if command -v i686-elf-gcc >/dev/null 2>&1; then echo i686-elf-; \
	elif [ -x toolchain/bin/i686-elf-gcc ]; then echo toolchain/bin/i686-elf-; \
	else echo i686-linux-gnu-; fi)
CC := $(CROSS)gcc
endif

ifneq ($(findstring clang,$(CC)),)
COMPILER := clang
TARGET_FLAGS := --target=i686-unknown-none-elf
LD := ld.lld
NM := nm
else
COMPILER := gcc
CROSS ?= $(patsubst %gcc,%,$(CC))
LD := $(CROSS)ld
NM := $(CROSS)nm
endif

B := build/$(COMPILER)
KERNEL := $(B)/kernel.elf
INITRAMFS := build/initramfs.cpio

CFLAGS := $(TARGET_FLAGS) -std=gnu11 -m32 -march=i686 -ffreestanding -nostdlib \
	-fno-pic -fno-pie -fno-stack-protector -fno-common -fno-strict-aliasing \
	-fno-delete-null-pointer-checks -fno-omit-frame-pointer \
	-fno-optimize-sibling-calls -mno-sse -mno-mmx -mno-80387 \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-D__KERNEL__ -Iinclude -Iarch/x86/include -MMD -MP
NASMFLAGS := -f elf32 -Werror
LDFLAGS := -m elf_i386 -nostdlib -T linker.ld --build-id=none -z noexecstack \
	--fatal-warnings

SRCS := $(wildcard boot/*.asm kernel/*.c mm/*.c arch/x86/kernel/*.c \
	arch/x86/kernel/*.asm arch/x86/mm/*.c tests/kernel/*.c tests/kernel/*.asm)
OBJS := $(patsubst %,$(B)/%.o,$(basename $(SRCS)))

all: $(KERNEL) $(INITRAMFS)

# User programs: every tests/user/NAME.c is an ordinary static glibc i386
# program (Debian's cross compiler, whatever compiles the kernel).  One
# whose main returns ktap_run (tests/user/ktap.h) is a test printing
# KTAP.  The tests are one multi-call binary, build/user/utests, as
# busybox's applets are: each NAME.c compiled with -Dmain=NAME_main and
# linked with tests/user/utests_main.c, which runs the program that
# argv[0]'s last component names.  The initramfs that scripts/qemu.sh
# boots with holds it once as /bin/utests, and /tests/NAME is a link to
# it: the exec suite runs every entry there.  On the host,
# build/user/tests/NAME are such links, for make test.  The others (hello,
# mmdemo) are programs of their own, /bin/NAME.  The folder is a
# prerequisite so that a program added or removed repacks it.
USER_CC := i686-linux-gnu-gcc
USER_CFLAGS := -O2 -Wall -Wextra -Werror
USER_MAIN := tests/user/utests_main.c
USER_SRCS := $(filter-out $(USER_MAIN),$(wildcard tests/user/*.c))
USER_HDRS := $(wildcard tests/user/*.h)
USER_TESTS := $(patsubst tests/user/%.c,%,$(shell grep -l 'return ktap_run' $(USER_SRCS)))
USER_PROGS := $(filter-out $(USER_TESTS),$(patsubst tests/user/%.c,%,$(USER_SRCS)))
USER_OBJS := $(patsubst %,build/user/obj/%.o,$(USER_TESTS) utests_main)
user_ident = $(subst -,_,$(1))

$(patsubst %,build/user/%,$(USER_PROGS)): build/user/%: tests/user/%.c $(USER_HDRS)
	@mkdir -p $(dir $@)
	$(call say,USERCC,$@)
	$(Q)$(USER_CC) -static $(USER_CFLAGS) $< -o $@

build/user/obj/%.o: tests/user/%.c $(USER_HDRS)
	@mkdir -p $(dir $@)
	$(call say,USERCC,$@)
	$(Q)$(USER_CC) $(USER_CFLAGS) -Dmain=$(call user_ident,$*)_main -c $< -o $@

build/user/obj/utests_main.o: $(USER_MAIN) build/user/utests-list.h
	@mkdir -p $(dir $@)
	$(call say,USERCC,$@)
	$(Q)$(USER_CC) $(USER_CFLAGS) -Ibuild/user -c $< -o $@

# The list of tests, rewritten only when it changes (a test added or
# removed), so that an unchanged one rebuilds nothing.
build/user/utests-list.h: FORCE
	@mkdir -p $(dir $@)
	@printf '$(foreach t,$(USER_TESTS),UTEST($(call user_ident,$(t)), "$(t)")\n)' | \
		sed 's/^ //' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

build/user/utests: $(USER_OBJS)
	$(call say,USERLD,$@)
	$(Q)$(USER_CC) -static $(USER_OBJS) -o $@

build/user/tests: build/user/utests-list.h
	$(Q)rm -rf $@ && mkdir -p $@ && \
		for t in $(USER_TESTS); do ln -s ../utests $@/$$t; done

$(INITRAMFS): $(patsubst %,build/user/%,$(USER_PROGS) utests tests) tests/user \
		scripts/mkinitramfs.sh
	$(call say,CPIO,$@)
	$(Q)scripts/mkinitramfs.sh $@ bin/ $(patsubst %,build/user/%,$(USER_PROGS) utests) \
		tests/ $(patsubst %,%=/bin/utests,$(USER_TESTS))

# Short build lines as Linux's kbuild prints them; V=1 shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
say = @true
else
Q := @
say = @printf '  %-8s %s\n' $(1) $(2)
endif

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.asm
	@mkdir -p $(dir $@)
	$(call say,AS,$@)
	$(Q)nasm $(NASMFLAGS) $< -o $@

# kallsyms: link with an empty table, then with a table of the right size,
# then with the final table; check that the last link moved nothing.
$(B)/kallsyms0.c: scripts/kallsyms.py
	@mkdir -p $(B)
	python3 scripts/kallsyms.py </dev/null >$@

$(B)/kallsyms%.o: $(B)/kallsyms%.c
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(B)/kernel.1: $(OBJS) $(B)/kallsyms0.o linker.ld
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(B)/kallsyms0.o
$(B)/kallsyms1.c: $(B)/kernel.1
	$(Q)$(NM) -n $< | python3 scripts/kallsyms.py >$@
$(B)/kernel.2: $(B)/kallsyms1.o
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $<
$(B)/kallsyms2.c: $(B)/kernel.2
	$(Q)$(NM) -n $< | python3 scripts/kallsyms.py >$@
$(KERNEL): $(B)/kallsyms2.o
	$(call say,LD,$@)
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $<
	$(Q)$(NM) -n $@ | python3 scripts/kallsyms.py | cmp -s - $(B)/kallsyms2.c || \
		{ echo "kallsyms: symbol table unstable between links" >&2; rm -f $@; exit 1; }

run: $(KERNEL) $(INITRAMFS)
	@scripts/run.sh $(KERNEL)

# `make run` at a terminal, up to the prompt (GRUB eats the first byte).
readme: $(KERNEL) $(INITRAMFS)
	printf '\npoweroff\n' | timeout 300 scripts/qemu.sh --kernel $(KERNEL) \
		>$(B)/readme-boot.log 2>&1
	scripts/readme.py update $(B)/readme-boot.log

# Exact instruction counts (-icount shift=0), ours beside Linux's.
bench: $(KERNEL) $(INITRAMFS)
	@scripts/bench.sh $(KERNEL)

test:
	@scripts/run-tests.sh

# From a boot under GDB (-m 2G), or LOG=FILE; `make layout OUT=docs/pictures`
# renews the README's pictures.
layout: $(if $(LOG),,$(KERNEL) $(INITRAMFS))
	@scripts/layout/run.sh $(KERNEL)

debug: $(KERNEL) $(INITRAMFS)
	scripts/qemu.sh --kernel $(KERNEL) --gdb --cmdline "$(CMDLINE)"

gdb: $(KERNEL)
	gdb -q -x scripts/gdb/kernel.gdb $(KERNEL)

toolchain:
	scripts/build-toolchain.sh

host-tests:
	$(MAKE) -C tests/host run

clean:
	rm -rf build

.PHONY: all run readme bench test layout debug gdb toolchain host-tests clean FORCE
.SECONDARY:

-include $(OBJS:.o=.d)
