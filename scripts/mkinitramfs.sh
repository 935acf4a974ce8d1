#!/usr/bin/env bash
# Packs the user programs into a newc cpio archive, the initramfs that
# scripts/qemu.sh hands the kernel as a multiboot2 module.
#
# usage: mkinitramfs.sh OUT [DIR/ PROGRAM|NAME=TARGET...]...
#
# Each PROGRAM becomes /DIR/NAME, and each NAME=TARGET a symbolic link
# /DIR/NAME to TARGET, DIR being the last DIR/ argument before it (bin/
# at first).  make puts the programs in /bin, the multi-call binary of
# the KTAP tests among them (/bin/utests), and a link to it in /tests for
# each test, named after it: the kernel's exec suite runs every entry of
# /tests, and the link's name picks the test.  The
# archive also holds /data/not-elf, an executable file that is no ELF
# program (execve says ENOEXEC; the ramfs is read-only, so the test
# cannot make one itself).
#
# The archive is reproducible: the same programs give the same bytes,
# whatever the time, the owner or the file system they were built on
# (names sorted, owner 0:0, mtime 0, inode numbers counted by cpio's
# --reproducible).  That also keeps qemu.sh's ISO cache, keyed on the
# archive's content, from growing with every build.
set -euo pipefail
out=$1
shift
stage=$(mktemp -d "$out.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
dir=bin
mkdir -m 0755 "$stage/bin" "$stage/data"
for arg in "$@"; do
	if [[ $arg == */ ]]; then
		dir=${arg%/}
		mkdir -p -m 0755 "$stage/$dir"
	elif [[ $arg == *=* ]]; then
		ln -s "${arg#*=}" "$stage/$dir/${arg%%=*}"
	else
		install -m 0755 "$arg" "$stage/$dir/"
	fi
done
echo "not an ELF program, though executable" >"$stage/data/not-elf"
chmod 0755 "$stage/data/not-elf"
find "$stage" -mindepth 1 -exec touch -h -d @0 {} +
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 --reproducible) >"$out.tmp"
mv -f "$out.tmp" "$out"
