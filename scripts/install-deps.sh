#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the debugger need,
# and only those that are missing: with everything present it is silent and
# takes a few milliseconds, so every make target can call it first.
set -euo pipefail

packages=(qemu-system-x86 nasm grub-pc-bin grub-common xorriso mtools
	  gcc-i686-linux-gnu binutils-i686-linux-gnu gdb python3 clang lld
	  libc6-dev-i386-cross cpio python3-matplotlib)

# One dpkg-query for all of them; a package it does not know is missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
	    awk '$4 == "installed" { print $1 }' || true)
missing=()
for p in "${packages[@]}"; do
	grep -qx "$p" <<<"$installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
apt_install() {
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
# A fresh machine has no package lists yet: update once, then retry.
if ! apt_install 2>/dev/null; then
	"${sudo[@]}" apt-get update -qq >&2
	apt_install
fi
