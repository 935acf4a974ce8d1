#!/usr/bin/env bash
# Packs the user programs into a newc cpio archive, the initramfs that
# scripts/qemu.sh hands the kernel as a multiboot2 module.
#
# usage: mkinitramfs.sh OUT PROGRAM...    (each PROGRAM becomes /bin/NAME)
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
mkdir -m 0755 "$stage/bin"
for prog in "$@"; do
	install -m 0755 "$prog" "$stage/bin/"
done
find "$stage" -mindepth 1 -exec touch -h -d @0 {} +
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 --reproducible) >"$out.tmp"
mv -f "$out.tmp" "$out"
