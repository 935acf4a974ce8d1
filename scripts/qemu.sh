#!/usr/bin/env bash
# Boots the kernel through GRUB (multiboot2) in QEMU under TCG, serial
# console on stdio.  Exits with the kernel's own status: the kernel writes
# 0x10 + status to the isa-debug-exit port, QEMU exits with (v << 1) | 1,
# and we undo that.  Any other QEMU exit (an error, a triple fault under
# -no-reboot, the user quitting) is 125 with a message saying so, because
# the kernel never reported a result (at a terminal, quitting is fine: 0).
#
# usage: qemu.sh [--kernel ELF] [--mem SIZE] [--cmdline STR] [--gdb]
#                [--icount] [--cpu MODEL] [--smp N] [--monitor SOCK]
#                [--initrd FILE|none] [-- QEMU ARGS...]
#
# --initrd puts FILE (a newc cpio archive: the initramfs) into the ISO as
# a multiboot2 module.  The default is initramfs.cpio in the folder above
# the kernel's (build/initramfs.cpio for build/gcc/kernel.elf), when it
# exists; "none" (or INITRD=none in the environment) boots without one.
#
# The default CPU is QEMU's own default, qemu32, plus PSE36: qemu32 alone
# reports 32 physical address bits, so the kernel (rightly) drops the RAM
# QEMU puts above 4 GiB from -m 4G on.  With +pse36 it has 36, as PAE
# allows.  Neither has NX: --cpu max has it.  --cpu qemu32 gives the
# 32-bit CPU back.  qemu-system-i386 fixes every CPU at 36 bits or fewer;
# QEMU=qemu-system-x86_64 with --cpu max,phys-bits=40 boots the same
# kernel on a CPU that reaches beyond 64 GiB.
#
# qemu-system-i386 7.2 (Debian 12) truncates the address of a page table
# to 32 bits when its TCG walker reads it, so a page-table page above
# 4 GiB (HIGHPTE puts user PTE pages in highmem) reads as not present and
# the access faults forever.  Guests with RAM above 4 GiB (-m above 3G)
# therefore run on qemu-system-x86_64, which walks them right and runs
# the same 32-bit CPU models; QEMU= in the environment overrides.  With
# --gdb they stay on qemu-system-i386, whose stub speaks i386 to GDB.
#
# QEMU dies with this script: it runs with a parent-death signal, so a
# timeout or a kill that reaches only the script leaves no QEMU behind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

kernel=$root/build/gcc/kernel.elf
mem=2G
cmdline=""
cpu=qemu32,+pse36
smp=1
extra=()
gdb=0
icount=0
monitor=""
initrd=${INITRD:-default}

die() { echo "qemu.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--cmdline) cmdline=$2; shift 2 ;;
	--gdb) gdb=1; shift ;;
	--icount) icount=1; shift ;;
	--cpu) cpu=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--monitor) monitor=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	*) die "unknown option '$1' (see the usage at the top of this script)" ;;
	esac
done
[[ -f $kernel ]] || die "no kernel at $kernel; run make first"
if [[ $initrd == default ]]; then
	initrd=$(dirname "$kernel")/../initramfs.cpio
	[[ -f $initrd ]] || initrd=none
fi
[[ $initrd == none || -f $initrd ]] || die "no initrd at $initrd"
# GRUB puts a backslash before these when it builds the command line, so
# the kernel would not see what was written.
[[ $cmdline != *[\"\'\\]* ]] ||
	die "the command line cannot contain quotes or backslashes (GRUB escapes them)"

# One ISO per (kernel, initrd, command line): rebuilding costs ~0.3 s, a
# cache hit 0.  The initrd's content is in the key, and whether there is one.
iso_dir=$root/build/iso
mkdir -p "$iso_dir"
key=$( { cat "$kernel" "$root/boot/grub.cfg.in"; printf '%s\0' "$cmdline";
	 if [[ $initrd == none ]]; then printf 'no initrd'; else cat "$initrd"; fi; } |
	sha1sum | cut -c1-16)
iso=$iso_dir/$key.iso
if [[ ! -f $iso ]]; then
	tree=$(mktemp -d "$iso_dir/tree.XXXXXX")
	trap 'rm -rf "$tree"' EXIT
	mkdir -p "$tree/boot/grub"
	cp "$kernel" "$tree/boot/kernel.elf"
	module=""
	if [[ $initrd != none ]]; then
		cp "$initrd" "$tree/boot/initramfs.cpio"
		module="module2 /boot/initramfs.cpio initramfs.cpio"
	fi
	# One single-quoted GRUB word per parameter: $ and ; stay literal.
	read -r -a words <<<"$cmdline"
	quoted=""
	for w in "${words[@]}"; do
		quoted+=" '$w'"
	done
	shopt -u patsub_replacement 2>/dev/null || true	# '&' stays literal
	template=$(<"$root/boot/grub.cfg.in")
	template=${template//@CMDLINE@/$quoted}
	printf '%s\n' "${template//@MODULE@/$module}" >"$tree/boot/grub/grub.cfg"
	# Parallel boots may build the same ISO: each writes its own file and
	# the rename makes one of them win whole.
	grub-mkrescue -o "$tree.iso" "$tree" >/dev/null 2>&1 ||
		die "grub-mkrescue failed (are grub-pc-bin, xorriso and mtools installed?)"
	mv -f "$tree.iso" "$iso"
	# Keep the cache small; an ISO a parallel boot just built is young.
	# Parallel boots prune at once: losing that race is fine.
	find "$iso_dir" -maxdepth 1 -name '*.iso' -mmin +60 -delete 2>/dev/null || true
fi

args=(-machine pc -accel tcg -m "$mem" -smp "$smp" -display none
      -device isa-debug-exit,iobase=0xf4,iosize=0x04
      -boot d -cdrom "$iso")
args+=(-cpu "$cpu")
if [[ -t 0 ]]; then
	args+=(-serial mon:stdio)	# Ctrl-A X quits, Ctrl-A C: QEMU monitor
else
	args+=(-serial stdio)
fi
# The stub listens on the loopback address only; 127.0.0.1, not localhost,
# which a machine without /etc/hosts cannot resolve.
[[ $gdb == 1 ]] && args+=(-gdb "tcp:127.0.0.1:${QEMU_GDB_PORT:-1234}" -S)
[[ $icount == 1 ]] && args+=(-icount shift=0,sleep=off -rtc base=2026-01-01,clock=vm)
[[ -n $monitor ]] && args+=(-monitor "unix:$monitor,server,nowait")

# A guest larger than the host's free memory: QEMU reserves none of it and
# touches only what the guest uses.  From 62G on, the 64-bit PCI hole that
# QEMU puts 2 GiB above the RAM would end beyond 36 address bits: none then.
# (Unless the caller's QEMU ARGS say otherwise.)
mib=0				# 3.5G, 1T, ...: left to QEMU alone
if [[ $mem =~ ^([0-9]+)([MG]?)$ ]]; then
	mib=${BASH_REMATCH[1]}		# MiB: QEMU's unit
	[[ ${BASH_REMATCH[2]} == G ]] && mib=$((mib * 1024))
fi
if (( mib >= 16384 )) && [[ " ${extra[*]} " != *memory-backend* ]]; then
	args+=(-object "memory-backend-ram,id=pc.ram,size=${mib}M,reserve=off"
	       -machine memory-backend=pc.ram)
fi
if (( mib > 61 * 1024 )) && [[ " ${extra[*]} " != *pci-hole64-size* ]]; then
	args+=(-global i440FX-pcihost.pci-hole64-size=0)
fi

qemu=${QEMU:-qemu-system-i386}
if [[ -z ${QEMU:-} ]] && (( mib > 3072 )); then
	if [[ $gdb == 1 ]]; then
		echo "qemu.sh: under --gdb, page tables above 4 GiB are unreachable (see the top of this script)" >&2
	else
		qemu=qemu-system-x86_64
	fi
fi

# setpriv (util-linux, on every Debian) sets the signal QEMU gets when this
# script dies, then execs QEMU.
pdeath=()
setpriv --pdeathsig TERM true 2>/dev/null && pdeath=(setpriv --pdeathsig TERM)
set +e
"${pdeath[@]}" "$qemu" "${args[@]}" "${extra[@]}"
status=$?
set -e
if (( status & 1 && status >= 0x21 && status < 0x100 )); then
	exit $(( (status >> 1) - 0x10 ))
fi
[[ -t 0 && $status == 0 ]] && exit 0
echo "qemu.sh: QEMU exited with status $status without the kernel powering off" >&2
exit 125
