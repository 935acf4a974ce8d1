#!/usr/bin/env bash
# `make test`: every test of the project, ending with "N passed, N failed".
#
#  1. host tests (tests/host, ASan/UBSan) and the tests of scripts/ktap.py
#     and scripts/check-docs.py, each a KTAP stream; README.md and docs/
#     against the tree (scripts/check-docs.py)
#  2. the kernel built with gcc and with clang (warnings are errors); the
#     tree copied to a path with spaces, where a host test and a boot run
#  3. self-test boots under QEMU TCG, each KTAP stream checked by
#     scripts/ktap.py (a hang, a panic or a cut-off stream is a failure),
#     the printed memory boundaries checked
#  4. boots that must fail in a given way (oops, BUG, panic, no PAE, bad
#     parameters) or drive the monitor, checked for the exact report
#  5. README.md's sample boot and list of boots against the real ones
#  6. the GDB test (tests/gdb/run.sh)
#  7. make layout's pictures, from GDB and from a boot log (scripts/layout)
#  8. that no process any test started outlived it
#
# `run-tests.sh --list-boots` prints the boots of 3 and 4, one a line:
# name, compiler, QEMU options (-m, -cpu unless qemu.sh's default, others),
# command line and "KTAP" or "expected output", separated by tabs
# (README.md's list).
#
# JOBS (default 2) boots run at once.  A boot is killed as hung when it
# prints nothing for IDLE (default 240) s, and in any case after TIMEOUT
# (default 1800) s or MAXLOG (default 50 MB) of output: a slow machine
# makes boots slower, not silent.  Every boot, host test and the GDB test
# runs under a timeout in its own process group, and whatever is left of
# them when this script ends, however it ends, is killed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
JOBS=${JOBS:-2}
TIMEOUT=${TIMEOUT:-1800}
IDLE=${IDLE:-240}
MAXLOG=${MAXLOG:-50000000}
list_boots=0
[[ ${1:-} == --list-boots ]] && list_boots=1
# Every process this run starts inherits this mark, so the last case finds
# any that outlived its test, wherever it was reparented.
export MMK_TEST_RUN=$$.$RANDOM

if (( list_boots )); then
	out=$(mktemp -d)	# the input files the boot lines write
	trap 'rm -rf "$out"' EXIT
else
	out=build/test
	rm -rf "$out"
	mkdir -p "$out"
fi

passed=0 failed=0 skipped=0

# add_ktap FILE: adds the counts from ktap.py's last line.
add_ktap() {
	local line p f s
	line=$(tail -n 1 "$1")
	read -r p f s < <(sed -n 's/^ktap: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' <<<"$line")
	if [[ -z ${p:-} ]]; then
		echo "FAIL $1: no ktap summary"; failed=$((failed + 1)); return
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

# check NAME OK [LOG]: one pass/fail case; on failure show LOG's tail.
check() {
	if [[ $2 == 0 ]]; then
		passed=$((passed + 1)); echo "ok   $1"
	else
		failed=$((failed + 1)); echo "FAIL $1"
		[[ -n ${3:-} && -f $3 ]] && tail -n 25 "$3" | sed 's/^/  | /'
	fi
}

# ktap NAME LOG STATUS: checks a KTAP stream, prints the verdict, counts.
ktap() {
	scripts/ktap.py "$1" "$2" --status "$3" >"$2.ktap"
	grep -v '^ktap:' "$2.ktap"
	add_ktap "$2.ktap"
}

# limited SECONDS CMD...: CMD under a timeout, in its own process group,
# which timeout kills whole; its pid is in $out/*.pid while it runs.
limited() {
	local secs=$1
	shift
	timeout -k 10 "$secs" "$@" &
	local pid=$!
	echo $pid >"$out/$pid.pid"
	wait $pid
	local status=$?
	rm -f "$out/$pid.pid"
	return $status
}

# leftovers: the marked processes other than this shell and its subshells
# (no child is started to look: it would carry the mark too).
leftovers() {
	local d env
	for d in /proc/[0-9]*; do
		[[ ${d#/proc/} == "$$" || ${d#/proc/} == "$BASHPID" ]] && continue
		mapfile -d '' env 2>/dev/null <"$d/environ" || continue
		[[ " ${env[*]} " == *" MMK_TEST_RUN=$MMK_TEST_RUN "* ]] && echo "${d#/proc/}"
	done
}

# The last case: nothing this run started is still running (a second for
# what was just killed to go).  What is left is listed, then killed.
no_leftovers() {
	local left pid bad=0
	sleep 1
	left=$(leftovers)
	for pid in $left; do
		echo "  left behind: $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
		kill -KILL "$pid" 2>/dev/null
		bad=1
	done
	check "no test left a process behind" $bad
}

# On any exit, a signal included: end every group still running.
cleanup() {
	local f
	for f in "$out"/*.pid; do
		[[ -f $f ]] && kill -TERM -- "-$(cat "$f")" 2>/dev/null
	done
}
(( list_boots )) || trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

host_tests() {
	local bin log
	echo "== host tests"
	rm -rf build/host	# no binary of an earlier build may run
	if ! make -s -C tests/host all >"$out/host-build.log" 2>&1; then
		check "host tests build" 1 "$out/host-build.log"
	fi
	for bin in build/host/test_*; do
		[[ -x $bin ]] || continue
		log=$out/$(basename "$bin").log
		limited 300 "$bin" >"$log" 2>&1
		ktap "host:$(basename "$bin")" "$log" $?
	done
	limited 60 python3 tests/scripts/test_ktap.py >"$out/test_ktap.py.log" 2>&1
	ktap "host:test_ktap.py" "$out/test_ktap.py.log" $?
	limited 60 python3 scripts/check-docs.py --self-test >"$out/check-docs-self.log" 2>&1
	ktap "host:check-docs.py --self-test" "$out/check-docs-self.log" $?
	limited 60 python3 scripts/check-docs.py >"$out/check-docs.log" 2>&1
	check "docs: the links, functions, monitor and GDB commands they name exist" $? \
		"$out/check-docs.log"
}

builds() {
	local prog status
	echo "== builds"
	# A failed build must not leave an old kernel behind for the boots.
	rm -f build/gcc/kernel.elf build/clang/kernel.elf
	make -s -j2 >"$out/build-gcc.log" 2>&1
	check "build: gcc (make)" $? "$out/build-gcc.log"
	make -s -j2 CC=clang >"$out/build-clang.log" 2>&1
	check "build: clang (make CC=clang)" $? "$out/build-clang.log"
	# The user programs are ordinary static i386 Linux programs: the host
	# runs them too.
	limited 60 build/user/hello >"$out/hello.log" 2>&1 &&
		[[ $(<"$out/hello.log") == "Hello from user space!" ]]
	check "user: build/user/hello runs on the host and says hello" $? "$out/hello.log"
	# The test programs are one multi-call binary: by its own name it
	# knows no program, says how to run one (naming each test) and exits 2.
	limited 60 build/user/utests >"$out/utests.log" 2>&1
	status=$?
	for prog in build/user/tests/*; do
		[[ $(<"$out/utests.log") == "utests: "*"usage: NAME"*" ${prog##*/}"* ]] ||
			status=1
	done
	[[ $status == 2 ]]
	check "user: build/user/utests by its own name prints its usage, exit 2" $? \
		"$out/utests.log"
	# Every other program of tests/user/ prints KTAP and exits with its
	# failures; each test runs on its own, through its link
	# build/user/tests/NAME (files an older build left in build/user/
	# are not run).
	# (ubench, the benchmark, in its quick mode: a smoke run, not timed.)
	for prog in tests/user/*.c; do
		prog=${prog#tests/user/} prog=${prog%.c}
		[[ $prog == hello || $prog == utests_main ]] && continue
		args=()
		[[ $prog == ubench ]] && args=(quick)
		prog=build/user/tests/$prog
		[[ -e $prog ]] || prog=build/user/${prog##*/}
		limited 60 "$prog" "${args[@]}" >"$out/host-$(basename "$prog").log" 2>&1 &&
			! grep -q '^not ok' "$out/host-$(basename "$prog").log"
		check "user: $prog passes on the host's Linux" $? \
			"$out/host-$(basename "$prog").log"
	done
}

# The tree copied under a folder whose name has spaces: a host test builds
# and runs there, and qemu.sh boots the kernel from there.
spaces() {
	local dir="$out/path with spaces" log=$out/spaces.log
	mkdir -p "$dir/build/gcc"
	tar -c --exclude=./build --exclude=./toolchain --exclude=./.git . | tar -x -C "$dir"
	cp build/gcc/kernel.elf "$dir/build/gcc/"
	make -s -C "$dir/tests/host" ../../build/host/test_vsprintf >"$log" 2>&1 &&
		limited 120 "$dir/build/host/test_vsprintf" >>"$log" 2>&1 &&
		limited 120 "$dir/scripts/qemu.sh" --mem 128M --cmdline selftest=boot \
			</dev/null >>"$log" 2>&1
	check "a tree in a path with spaces: a host test, a boot" $? "$log"
	rm -rf "$dir"
}

if (( ! list_boots )); then
	scripts/install-deps.sh || { echo "FAIL install-deps"; echo "0 passed, 1 failed"; exit 1; }
	host_tests
	builds
	spaces
fi

# run_boot NAME INPUT CMD...: runs the boot CMD with INPUT on its serial
# line, its output in $out/NAME.log and its exit status in $out/NAME.status.
# A boot silent for IDLE s or too long or too loud is killed as hung:
# status 124, and a last line in the log saying why.
run_boot() {
	local name=$1 input=$2 log=$out/$1.log why="" size last=-1 since=$SECONDS
	shift 2
	timeout -k 10 "$TIMEOUT" "$@" <"$input" >"$log" 2>&1 &
	local pid=$!
	echo $pid >"$out/$pid.pid"
	while kill -0 $pid 2>/dev/null; do
		sleep 1
		size=$(stat -c %s "$log" 2>/dev/null || echo 0)
		[[ $size != "$last" ]] && last=$size since=$SECONDS
		if (( SECONDS - since >= IDLE )); then
			why="no output for $IDLE s"
		elif (( size > MAXLOG )); then
			why="more than $MAXLOG bytes of output"
		else
			continue
		fi
		kill -TERM -- "-$pid" 2>/dev/null
		break
	done
	wait $pid
	local status=$?
	rm -f "$out/$pid.pid"
	[[ -z $why && $status == 124 ]] && why="still running after $TIMEOUT s"
	if [[ -n $why ]]; then
		echo "run-tests: $name killed as hung: $why" >>"$log"
		status=124
	fi
	echo $status >"$out/$name.status"
}

# boot NAME KERNEL MEM CMDLINE [CPU [QEMU ARGS...]]: runs in the
# background, leaves $out/NAME.log and $out/NAME.status.  The serial input
# is $out/NAME.in when that exists (typed at the monitor), else nothing;
# a boot named in session_boots is driven by tests/scripts/
# monitor_session.py instead, which answers the kernel as it goes and
# leaves its verdicts in $out/NAME.checks.  With --list-boots it only
# prints the boot.
boot() {
	local name=$1 kernel=$2 mem=$3 cmdline=$4 cpu=${5:-} input=/dev/null how
	local driver=()
	shift $(($# < 5 ? $# : 5))
	if (( list_boots )); then
		how="expected output"
		[[ " ${ktap_boots[*]} " == *" $name "* ]] && how=KTAP
		[[ " ${session_boots[*]} " == *" $name "* ]] && how="KTAP (a typed session)"
		printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$(basename "$(dirname "$kernel")")" \
			"${QEMU:+$QEMU }-m $mem${cpu:+ -cpu $cpu}${*:+ $*}${INITRD:+ (initrd: $INITRD)}" \
			"$cmdline" "$how"
		return
	fi
	[[ -f $out/$name.in ]] && input=$out/$name.in
	[[ " ${session_boots[*]} " == *" $name "* ]] &&
		driver=(tests/scripts/monitor_session.py "$out/$name.checks" --)
	run_boot "$name" "$input" "${driver[@]}" scripts/qemu.sh --kernel "$kernel" --mem "$mem" \
		--cmdline "$cmdline" ${cpu:+--cpu "$cpu"} -- -no-reboot "$@" &
	while [[ $(jobs -rp | wc -l) -ge $JOBS ]]; do wait -n; done
}

(( list_boots )) || echo "== boots"
G=build/gcc/kernel.elf C=build/clang/kernel.elf
ktap_boots=(gcc-2G gcc-128M gcc-4G gcc-4G-qemu32 gcc-2G-mem512M gcc-2G-vmalloc256M
	    gcc-2G-slub_debug gcc-2G-shared-pmd gcc-2G-cpu-max clang-2G
	    gcc-32M gcc-1G gcc-897M gcc-16G gcc-2G-mem16M gcc-66G-40bit
	    gcc-128M-no-initrd)
boot gcc-2G "$G" 2G "selftest"
boot gcc-128M "$G" 128M "selftest"
# qemu32 has 32 physical address bits; PSE36 gives the 36 that reach
# the RAM QEMU puts above 4 GiB (qemu.sh's default CPU, named here anyway).
boot gcc-4G "$G" 4G "selftest" qemu32,+pse36
boot gcc-4G-qemu32 "$G" 4G "selftest=boot,pgtable,memblock,zones" qemu32
# `make run MEM=8G`: qemu.sh's default CPU reaches the RAM above 4 GiB.
boot gcc-8G-default-cpu "$G" 8G "selftest=boot"
boot gcc-2G-mem512M "$G" 2G "selftest mem=512M"
boot gcc-2G-vmalloc256M "$G" 2G "selftest vmalloc=256M"
boot gcc-2G-slub_debug "$G" 2G "selftest slub_debug"
# Linux's usual PAE setup: one kernel PMD for all, so no vmalloc faults.
boot gcc-2G-shared-pmd "$G" 2G "selftest=vmalloc,vmap_area,ioremap,vmalloc_sync,fault shared_kernel_pmd=1"
boot gcc-2G-cpu-max "$G" 2G "selftest" max
boot clang-2G "$C" 2G "selftest"
# Machines of other shapes: the suites take their expectations from the
# zones, watermarks and reserves they find.  32M: small zones, few free
# blocks; 1G: a little HighMem; 897M: a 224-page HighMem zone; 16G (36
# address bits): lowmem reserves larger than lowmem; mem=16M (the
# documented minimum): no Normal zone at all.
boot gcc-32M "$G" 32M "selftest"
boot gcc-1G "$G" 1G "selftest"
boot gcc-897M "$G" 897M "selftest"
# (qemu.sh gives guests from 16G on a RAM backend with reserve=off.)
boot gcc-16G "$G" 16G "selftest" qemu32,+pse36
boot gcc-2G-mem16M "$G" 2G "selftest mem=16M"
# 40 address bits (qemu-system-x86_64: i386's CPUs stop at 36) and 66 GiB:
# RAM stops at 64 GiB (MAX_ARCH_PFN), device memory above it is mapped
# with its full frame number (44-bit PTE mask).
QEMU=qemu-system-x86_64 boot gcc-66G-40bit "$G" 66G "selftest" max,phys-bits=40
# qemu.sh passes build/initramfs.cpio to every boot; this one has none.
INITRD=none boot gcc-128M-no-initrd "$G" 128M "selftest=initramfs"
boot crash-oops "$G" 128M "crash=pagefault"
boot crash-bug "$G" 128M "crash=bug"
boot crash-panic "$G" 128M "crash=panic"
boot no-pae "$G" 128M "" qemu32,-pae
# Each bad value gets one line; pentium3 has no CPUID brand string.
boot bad-params "$G" 128M "loglevel=abc loglevel=99 bogus_param=1 mem=1K mem=garbage vmalloc=64M vmalloc=900M selftest=boot" pentium3
boot bad-selftest "$G" 128M "selftest=boot,nonexistent"
# The monitor, driven over the serial line: editing, commands, poweroff.
# GRUB (which also listens on the serial line) eats the first byte typed
# before the kernel starts, hence the leading empty line.  The command
# line is longer than mon_printf's buffer; the ptwalk line than the
# monitor's line.  ESC [ A/B/C/D are the arrow keys, \x03 is Ctrl-C.
mon_words=$(printf 'w%03d ' $(seq 150)) mon_zeros=$(printf '0%.0s' $(seq 1200))
{
	printf '\nhelp\ncpuinfo\ne820\ncmdline\nbogus arg\nuptimX\x7fe\n'
	printf 'run /bin/hello a b\nrun /nope\nrun /bin/mmdemo\n'
	printf 'ptwalk %sc0100000\npoweroff now\nuptime 1 2 3\n' "$mon_zeros"
	printf 'reboot now\n\e[A\n\e[A\e[B\nsp\e[D\e[Dx\eOP\e[C\e[Cy\n'
	printf 'poweroff\x03reboot 1 2\ncrash panic now\npoweroff\n'
} >"$out/monitor.in"
boot monitor "$G" 128M "loglevel=4 -- ${mon_words% }"
# Every command a learner types to make things happen and watch it, and
# every bad argument, typed by a program that reads each answer: the
# alloc'ed pfns and kmalloc'ed addresses come back as arguments, the free
# counts must return exactly, and a left object is reported at poweroff.
# 2G has HighMem (kmap takes a pkmap slot); 32M has none (alloc highmem
# falls back to Normal, as Linux's zonelist does).
session_boots=(monitor-session-2G monitor-session-32M)
boot monitor-session-2G "$G" 2G ""
boot monitor-session-32M "$G" 32M ""
# At the monitor too, a crash is a test: QEMU exits with status 2.
printf '\ncrash panic\n' >"$out/monitor-crash.in"
boot monitor-crash "$G" 128M "" core2duo
# `make run` at a terminal, up to the prompt: README.md's sample.
printf '\npoweroff\n' >"$out/readme.in"
boot readme "$G" 2G ""
# init=: a program from the initramfs runs before the prompt; a missing
# one is reported and the boot goes on.
printf '\npoweroff\n' >"$out/init-hello.in"
boot init-hello "$G" 128M "init=/bin/hello"
printf '\npoweroff\n' >"$out/init-missing.in"
boot init-missing "$G" 128M "init=/sbin/nope"
# make bench's smoke run: every benchmark with its N divided by 100.
boot bench-quick "$G" 2G "bench=quick"
(( list_boots )) && exit 0
wait

for name in "${ktap_boots[@]}"; do
	ktap "boot:$name" "$out/$name.log" "$(cat "$out/$name.status")"
done

for name in "${session_boots[@]}"; do
	[[ -s $out/$name.checks ]] || echo "no verdicts: the session died" >"$out/$name.checks"
	ktap "boot:$name" "$out/$name.checks" "$(cat "$out/$name.status")"
done

# expect NAME STATUS PATTERN...: the boot exited with STATUS and its log
# contains every PATTERN (fixed strings).  A PATTERN of several lines must
# be those lines in a row (the serial line's \r ignored); a one-line
# PATTERN starting with '!' must not be there at all.
expect() {
	local name=$1 want=$2 got missing=0 p
	shift 2
	got=$(cat "$out/$name.status")
	[[ $got == "$want" ]] || { echo "  $name: exit status $got, expected $want"; missing=1; }
	for p in "$@"; do
		if [[ $p == '!'* ]]; then
			! grep -qF -- "${p#!}" "$out/$name.log" ||
				{ echo "  $name: unexpected '${p#!}'"; missing=1; }
		elif [[ $p == *$'\n'* ]]; then
			[[ $(tr -d '\r' <"$out/$name.log") == *"$p"* ]] ||
				{ echo "  $name: missing '$p'"; missing=1; }
		else
			grep -qF -- "$p" "$out/$name.log" || { echo "  $name: missing '$p'"; missing=1; }
		fi
	done
	check "boot:$name" $missing "$out/$name.log"
}

# The memory boundaries each boot must print (the KTAP checks passed too).
# -m 2G: lowmem is the full 896 MiB, the rest of the 2 GiB is highmem.
expect gcc-2G 0 "1151MB HIGHMEM available." "896MB LOWMEM available." \
	"Unpacking initramfs..." "Freeing initrd memory: " "!initramfs: initramfs.cpio:" \
	"lowmem  : 0xc0000000 - 0xf8000000   ( 896 MB)" \
	"vmalloc : 0xf8800000 - 0xffbfe000   ( 115 MB)" \
	"pkmap   : 0xffc00000 - 0xffe00000   (2048 kB)"
# -m 128M: all lowmem, no highmem line; the direct map ends at the RAM's end.
expect gcc-128M 0 "127MB LOWMEM available." "lowmem  : 0xc0000000 - 0xc7fe0000   ( 127 MB)"
# -m 4G: 3 GiB below the PCI hole, 1 GiB above 4 GiB; highmem runs to 5 GiB.
expect gcc-4G 0 "4224MB HIGHMEM available." "896MB LOWMEM available." \
	"BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] usable"
# Plain qemu32 cannot address RAM above 4 GiB: it is dropped, saying so.
expect gcc-4G-qemu32 0 "e820: RAM above 4096M cannot be addressed with 32 physical address bits; ignoring 1024M" \
	"2175MB HIGHMEM available."
expect gcc-8G-default-cpu 0 ", 36-bit physical addresses" \
	"BIOS-e820: [mem 0x0000000100000000-0x000000023fffffff] usable" \
	"8320MB HIGHMEM available." "ok 1 boot"
expect gcc-66G-40bit 0 "40-bit physical addresses" \
	"e820: truncating [mem 0x0000000100000000-0x00000010bfffffff] at the 64 GiB PAE limit" \
	"BIOS-e820: [mem 0x0000000100000000-0x0000000fffffffff] usable" \
	"BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved"
expect gcc-128M-no-initrd 0 "No initramfs: the boot loader passed no module" \
	"!Unpacking initramfs"
expect gcc-2G-mem512M 0 "mem=: RAM limited to 512M" "512MB LOWMEM available." \
	"lowmem  : 0xc0000000 - 0xe0000000   ( 512 MB)"
# vmalloc=256M: lowmem shrinks to 744 MiB (8 MiB aligned), vmalloc grows.
expect gcc-2G-vmalloc256M 0 "744MB LOWMEM available." \
	"vmalloc : 0xef000000 - 0xffbfe000   ( 267 MB)"
expect gcc-32M 0 "31MB LOWMEM available." "lowmem  : 0xc0000000 - 0xc1fe0000   (  31 MB)"
expect gcc-1G 0 "127MB HIGHMEM available." "896MB LOWMEM available."
expect gcc-897M 0 "0MB HIGHMEM available." "HighMem  [mem 0x0000000038000000-0x00000000380dffff]"
expect gcc-16G 0 "16512MB HIGHMEM available." \
	"BIOS-e820: [mem 0x0000000100000000-0x000000043fffffff] usable"
expect gcc-2G-mem16M 0 "mem=: RAM limited to 16M" "16MB LOWMEM available." \
	"lowmem  : 0xc0000000 - 0xc1000000   (  16 MB)"
expect gcc-2G-slub_debug 0 "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=1, Nodes=1 (slub_debug on)"
expect crash-oops 2 "BUG: unable to handle page fault for address: 40000000" \
	"#PF: supervisor read access in kernel mode" \
	"#PF: error_code(0x0000) - not-present page" "*pdpt = 0000000000000000" \
	"Oops: 0000 [#1]" \
	"EIP: crash_pagefault+" "Call Trace:" " crash_setup+" \
	"Kernel panic - not syncing: Fatal exception"
expect crash-bug 2 "kernel BUG at tests/kernel/crash.c:" "invalid opcode: 0000 [#1]" \
	"EIP: crash_bug+" "Kernel panic - not syncing: Fatal exception"
expect crash-panic 2 "Kernel panic - not syncing: crash=panic requested" \
	"Call Trace:" " crash_panic+"
expect no-pae 3 "This kernel requires a CPU with PAE support"
mon_bs=$(printf '\b%.0s' $(seq 10)) mon_sp=$(printf ' %.0s' $(seq 10))
expect monitor 0 "mm> help" "  cpuinfo " "model name" "flags		: pse tsc pae" \
	"[mem 0x0000000000100000-0x0000000007fdffff] usable" \
	$'mm> cmdline\nloglevel=4 -- '"${mon_words% }"$'\nmm> ' \
	"bogus: unknown command; try 'help'" "jiffies " \
	$'mm> run /bin/hello a b\nHello from user space!\n[pid ' "] exited with status 0" \
	$'mm> run /nope\nrun: /nope: error -2\nmm> ' \
	$'mm> run /bin/mmdemo\nmmdemo: a process\'s memory, step by step.\n' \
	$'the child sees 2, the parent 1.\nmmdemo: done.\n[pid ' \
	$'mm> ptwalk '"${mon_zeros:0:248}"$'\nline too long (at most 255 characters); nothing run\nmm> ' \
	$'mm> poweroff now\nusage: poweroff\nmm> uptime 1 2 3\nusage: uptime\nmm> ' \
	$'mm> reboot now\nusage: reboot\nmm> reboot now\nusage: reboot\nmm> ' \
	$'mm> reboot now'"$mon_bs$mon_sp$mon_bs"$'\nmm> ' \
	"xspy: unknown command; try 'help'" \
	$'mm> poweroff^C\nmm> reboot 1 2\nusage: reboot\nmm> ' \
	$'mm> crash panic now\nusage: crash pagefault|bug|panic\nmm> poweroff'
# help's rows line up (every description starts in the same column) and
# come in alphabetical order of the command names.
awk '{ sub(/\r$/, "") } /^mm> help/ { on = 1; next } /^mm> / { on = 0 }
     on { i = index(substr($0, 3), "  "); match(substr($0, 3 + i), /[^ ]/)
	  col = i ? i + RSTART : 0; if (!col || (n && col != prev)) bad = 1
	  name = $1; if (n && name <= last) bad = 1
	  prev = col; last = name; n++ }
     END { exit bad || n < 10 }' "$out/monitor.log"
check "boot:monitor: help rows line up, in alphabetical order" $? "$out/monitor.log"
expect monitor-crash 2 \
	"CPU: Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz (family: 0x6, model: 0xf, stepping: 0xb)" \
	"Kernel panic - not syncing: crash panic requested" " crash_panic+"
expect bad-params 0 'Malformed kernel command line parameter "loglevel=abc", ignored' \
	"loglevel=99: out of range (0-8), ignored" '!"loglevel=99"' \
	"mem=1K: need a size of at least 16M, like mem=512M; ignored" '!"mem=1K"' \
	'Malformed kernel command line parameter "mem=garbage", ignored' '!mem=garbage:' \
	"vmalloc=64M: the default vmalloc area is at least that large; no change" \
	"vmalloc=900M: lowmem limited to 96M" "96MB LOWMEM available." \
	"CPU: Intel Pentium III (Katmai) (family: 0x6, model: 0x7, stepping: 0x3)" \
	'Unknown kernel command line parameter "bogus_param=1", ignored' "ok 1 boot"
expect bad-selftest 1 'selftest: no test suite named "nonexistent"; the suites are: ' \
	"slab_debug" "!KTAP version 1"

expect readme 0 "mm> poweroff"
expect init-hello 0 "Hello from user space!" \
	"init: /bin/hello [pid 2] exited with status 0" "mm> poweroff"
expect init-missing 0 "Failed to execute /sbin/nope (error -2)" "mm> poweroff"

expect bench-quick 0 "mmbench: done" "!mmbench: done (with failures)" "!mmbench: leak in"
# Every figure `make bench` tabulates (scripts/bench-linux.txt) printed
# its line with a number: mmbench's, the boot figures and, when the
# initramfs has /bin/ubench, ubench's.  No timing is checked.
bench_missing=0
while read -r name _ by; do
	[[ -z $name || $name == '#'* ]] && continue
	case $by in
	mmbench) re="mmbench: $name [0-9]+ ticks/op \(n=[0-9]+\)" ;;
	boot) re="mmbench: ${name%@*} [0-9]+ ticks" ;;
	ubench) grep -q "mmbench: no /bin/ubench in the initramfs" "$out/bench-quick.log" &&
		continue
		re="ubench: $name [0-9]+ ticks/op \(n=[0-9]+\)" ;;
	esac
	grep -qE "$re" "$out/bench-quick.log" ||
		{ echo "  bench-quick: no line '$re'"; bench_missing=1; }
done <scripts/bench-linux.txt
grep -qE "mmbench: boot_to_prompt [0-9]+ ticks" "$out/bench-quick.log" || bench_missing=1
check "boot:bench-quick: a line with a figure for every benchmark" $bench_missing \
	"$out/bench-quick.log"

echo "== README"
scripts/readme.py check "$out/readme.log" >"$out/readme-check.log" 2>&1
check "readme: the sample boot and the list of boots match the real ones" $? \
	"$out/readme-check.log"

echo "== gdb"
limited 600 tests/gdb/run.sh "$G" >"$out/gdb.log" 2>&1
check "gdb: break, backtrace, variables; the MM helpers against the kernel's tables" $? "$out/gdb.log"

echo "== layout"
# make layout: a -m 2G boot under GDB draws through the helpers (four
# mm-ptwalk --svg among them), then make layout LOG= draws from that
# boot's serial log (monitor commands typed after GDB made vmalloc areas);
# check.py matches the SVGs against the addresses the kernel printed.
limited 300 env RUNDIR="$out/layout-boot" OUT="$out/layout-gdb" scripts/layout/run.sh "$G" \
	>"$out/layout.log" 2>&1 &&
	limited 120 env LOG="$out/layout-boot/boot.log" OUT="$out/layout-log" \
		scripts/layout/run.sh >>"$out/layout.log" 2>&1
check "layout: make layout (GDB, -m 2G) and make layout LOG= (its boot log) draw" $? \
	"$out/layout.log"
# And a memblock=debug boot's log, whose reservations the picture names.
printf '\nbuddyinfo\nzoneinfo\npoweroff\n' >"$out/layout-memblock.in"
run_boot layout-memblock "$out/layout-memblock.in" scripts/qemu.sh --kernel "$G" --mem 2G \
	--cmdline memblock=debug
[[ $(<"$out/layout-memblock.status") == 0 ]] &&
	limited 120 env LOG="$out/layout-memblock.log" OUT="$out/layout-memblock" \
		scripts/layout/run.sh >>"$out/layout.log" 2>&1
check "layout: make layout LOG= draws a memblock=debug boot's log" $? "$out/layout.log"
limited 60 scripts/layout/check.py "$out/layout-boot/boot.log" "$out/layout-boot/gdb.log" \
	"$out/layout-gdb" "$out/layout-log" "$out/layout-memblock.log" "$out/layout-memblock" \
	>"$out/layout-check.log" 2>&1
check "layout: the SVGs parse and show the addresses printed (areas, VMAs, zones, e820, memblock, walks)" \
	$? "$out/layout-check.log"

echo "== processes"
no_leftovers

echo
[[ $skipped -gt 0 ]] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
