#!/usr/bin/env bash
# The GDB test: QEMU with its GDB stub (paused), gdb in batch mode with the
# kernel's symbols.  Passes when gdb stopped where it should and saw what
# it should; prints the gdb transcript either way.  Whatever happens --
# a failure, a timeout, this script being killed -- no QEMU stays behind.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
kernel=${1:-build/gcc/kernel.elf}
port=$((20000 + RANDOM % 20000))
log=build/gdb-qemu.log
input=build/gdb-qemu.in
# Typed at the monitor (GRUB eats the first byte): the kernel's own
# tables, which compare.py matches against the GDB helpers' output.
# 1G: a highmem zone, as on the machines the helpers are for.
# ptdump's bad arguments: a non-number, a kernel thread, no such pid.
printf '\n%s\n' ps meminfo buddyinfo zoneinfo slabinfo vmallocinfo pkmap fixmap ptdump \
	'ptdump zz' 'ptdump 1' 'ptdump 32767' dmesg cmdline 'run /bin/mmdemo' >"$input"

# QEMU dies with qemu.sh, and qemu.sh (by setpriv's parent-death signal)
# with this script, however this script ends.
QEMU_GDB_PORT=$port setpriv --pdeathsig TERM scripts/qemu.sh --kernel "$kernel" \
	--mem 1G --gdb <"$input" >"$log" 2>&1 &
qemu=$!
trap 'kill $qemu 2>/dev/null; wait $qemu 2>/dev/null' EXIT
trap 'exit 143' TERM INT HUP

# The ISO may need building first: wait for the stub to listen.
listening=0
for _ in $(seq 300); do
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { listening=1; break; }
	kill -0 $qemu 2>/dev/null || break
	sleep 0.1
done
if [[ $listening == 0 ]]; then
	echo "gdb test: QEMU's GDB stub never listened on 127.0.0.1:$port"
	cat "$log"
	exit 1
fi

# 127.0.0.1, not ":PORT": gdb would look up localhost, which needs
# /etc/hosts, and a minimal Debian (a debootstrap chroot) has none.  Where
# a private mount namespace can be had (as root), gdb runs as there, with
# an empty /etc/hosts.
nohosts=()
if unshare -m --propagation private true 2>/dev/null; then
	nohosts=(unshare -m --propagation private sh -c \
		'if [ -e /etc/hosts ]; then mount --bind /dev/null /etc/hosts || exit 125; fi
		 exec "$@"' sh)
	echo "gdb test: gdb runs with an empty /etc/hosts"
fi
# --foreground keeps gdb in this script's process group, where a signal to
# the group (an outer timeout, Ctrl-C) reaches it.
out=$(timeout --foreground -k 5 120 "${nohosts[@]}" gdb -q -batch -nx \
	-ex "target remote 127.0.0.1:$port" -x tests/gdb/boot.gdb "$kernel" 2>&1)
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
# The helpers against the kernel's own tables and QEMU's translation.
python3 tests/gdb/compare.py "$log" <(echo "$out") || fail=1
exit $fail
