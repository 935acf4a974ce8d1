#!/usr/bin/env bash
# `make layout`: the layout pictures, in build/layout/ (OUT=DIR).
#
#   make layout            boots the kernel at -m 2G under QEMU (TCG) with
#                          its GDB stub, runs mmdemo at the prompt, stops
#                          its child in do_exit and draws through the GDB
#                          helpers (scripts/layout/layout.gdb)
#   make layout LOG=FILE   draws from a boot log instead (fromlog.py)
#
# The boot's serial log (monitor commands typed after mmdemo: their
# output shows what GDB made, for LOG=) and gdb's transcript are kept in
# $RUNDIR (default build/layout-boot).  Everything runs under a timeout,
# and QEMU dies with this script.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
kernel=${1:-build/gcc/kernel.elf}
out=${OUT:-build/layout}
mkdir -p "$out"
if [[ -n ${LOG:-} ]]; then
	exec timeout 120 /usr/bin/python3 scripts/layout/fromlog_main.py "$LOG" "$out"
fi

port=$((20000 + RANDOM % 20000))
run=${RUNDIR:-build/layout-boot}
mkdir -p "$run"
log=$run/boot.log
# GRUB eats the first byte typed.
printf '\n%s\n' 'run /bin/mmdemo' e820 zoneinfo buddyinfo vmallocinfo pkmap fixmap \
	poweroff >"$run/boot.in"
QEMU_GDB_PORT=$port setpriv --pdeathsig TERM timeout 300 scripts/qemu.sh \
	--kernel "$kernel" --mem 2G --gdb <"$run/boot.in" >"$log" 2>&1 &
qemu=$!
trap 'kill $qemu 2>/dev/null; wait $qemu 2>/dev/null' EXIT
for _ in $(seq 300); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	kill -0 $qemu 2>/dev/null || { echo "layout: QEMU exited:"; cat "$log"; exit 1; }
	sleep 0.1
done
timeout --foreground -k 5 240 gdb -q -batch -nx -ex "target remote 127.0.0.1:$port" \
	-ex "set \$layout_dir = \"$out\"" -x scripts/layout/layout.gdb "$kernel" \
	>"$run/gdb.log" 2>&1
status=$?
grep -E '^(mm-draw|mm-ptwalk): ' "$run/gdb.log"
if [[ $status != 0 ]] || grep -q '^Python Exception\|^Error' "$run/gdb.log"; then
	echo "layout: gdb failed (status $status):"
	tail -n 20 "$run/gdb.log"
	exit 1
fi
