#!/usr/bin/env bash
# The GDB test: QEMU with its GDB stub (paused), gdb in batch mode with the
# kernel's symbols.  Passes when gdb stopped where it should and saw what
# it should; prints the gdb transcript either way.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
kernel=${1:-build/gcc/kernel.elf}
port=$((20000 + RANDOM % 20000))

QEMU_GDB_PORT=$port scripts/qemu.sh --kernel "$kernel" --mem 128M --gdb \
	</dev/null >build/gdb-qemu.log 2>&1 &
qemu=$!
trap 'kill $qemu 2>/dev/null; wait $qemu 2>/dev/null' EXIT

# The ISO may need building first: wait for the stub to listen.
for _ in $(seq 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.1
done

out=$(timeout 120 gdb -q -batch -nx -ex "target remote :$port" \
	-x tests/gdb/boot.gdb "$kernel" 2>&1)
echo "$out"

fail=0
want() {
	grep -qE -- "$1" <<<"$out" || { echo "gdb test: missing /$1/"; fail=1; }
}
want '^Breakpoint 1, (0x[0-9a-f]+ in )?start_kernel'
want '^#0 +(0x[0-9a-f]+ in )?start_kernel'
want '= 0x36d76289'
want '= 0x800[0-9a-f]{5}'			# CR0 with PG set
want '^Breakpoint 2, (0x[0-9a-f]+ in )?rest_init'
want '^#1 +(0x[0-9a-f]+ in )?start_kernel'
want '= "GRUB 2'
want '^\$4 = 1'					# tsc_khz > 0
want 'Kernel command line:'
want 'BIOS-e820: \[mem 0x0000000000000000-'
exit $fail
