#!/usr/bin/env bash
# Build an i686-elf cross toolchain (GNU binutils + GCC, C only, with libgcc)
# from Debian 12's own source packages into ./toolchain.
#
# Usage: scripts/build-toolchain.sh
#
# Debian ships no i686-elf cross compiler, and the host gcc would drag in host
# headers/libc assumptions, so the kernel needs its own bare-metal toolchain.
# Takes roughly 25 minutes on 2 cores; re-running after success is instant.
set -euo pipefail

START=$SECONDS
TARGET=i686-elf
JOBS=2

# Everything is relative to the repo root, wherever the script is called from.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PREFIX="$REPO/toolchain"
WORK="$REPO/build/toolchain-src"

BINUTILS_TARBALL=/usr/src/binutils/binutils-2.40.tar.xz
GCC_TARBALL=/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz
PACKAGES=(binutils-source gcc-12-source libgmp-dev libmpfr-dev libmpc-dev
          bison flex texinfo build-essential xz-utils)

log() { echo "toolchain: $*"; }

# Heavy steps run niced: other people compile on this machine at the same time.
heavy() { nice -n 10 "$@"; }

# --- Fast path: nothing to do if a working compiler is already installed. ---
if "$PREFIX/bin/$TARGET-gcc" --version >/dev/null 2>&1 &&
   [ -f "$("$PREFIX/bin/$TARGET-gcc" -print-libgcc-file-name)" ]; then
    log "already built: $("$PREFIX/bin/$TARGET-gcc" --version | head -1)"
    exit 0
fi

# --- Host packages (sources come from Debian, libs are needed by GCC). ---
missing=()
for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing missing packages: ${missing[*]}"
    SUDO=()
    [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    # Only refresh the package lists if the plain install fails: it is slow
    # and usually unnecessary.
    if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
        "${SUDO[@]}" apt-get update
        "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
    fi
fi

mkdir -p "$WORK" "$PREFIX"
# GCC's build needs the freshly built i686-elf-as/ld.
export PATH="$PREFIX/bin:$PATH"

# extract TARBALL DIRNAME: unpack once; the .extracted stamp guards against a
# half-unpacked tree left over from an interrupted run.
extract() {
    local tarball=$1 dir=$2
    if [ ! -f "$WORK/$dir/.extracted" ]; then
        log "extracting $(basename "$tarball")"
        rm -rf "${WORK:?}/$dir"
        tar -xJf "$tarball" -C "$WORK"
        touch "$WORK/$dir/.extracted"
    fi
}

# --- binutils ---
# Stamp files let a failed run resume: a finished stage is skipped, and a
# configured build folder is reused so make only redoes what is missing.
if [ ! -f "$WORK/.binutils-installed" ]; then
    extract "$BINUTILS_TARBALL" binutils-2.40
    if [ ! -f "$WORK/build-binutils/.configured" ]; then
        rm -rf "$WORK/build-binutils"
        mkdir -p "$WORK/build-binutils"
        log "configuring binutils"
        (cd "$WORK/build-binutils" &&
         ../binutils-2.40/configure --target="$TARGET" --prefix="$PREFIX" \
             --with-sysroot --disable-nls --disable-werror)
        touch "$WORK/build-binutils/.configured"
    fi
    log "building binutils"
    heavy make -C "$WORK/build-binutils" -j"$JOBS"
    heavy make -C "$WORK/build-binutils" install
    touch "$WORK/.binutils-installed"
fi

# --- gcc (compiler proper + libgcc only; no libc exists for this target) ---
if [ ! -f "$WORK/.gcc-installed" ]; then
    extract "$GCC_TARBALL" gcc-12.2.0
    GCC_BUILD="$WORK/build-gcc"
    if [ ! -f "$GCC_BUILD/.configured" ]; then
        rm -rf "$GCC_BUILD"
        mkdir -p "$GCC_BUILD"
        log "configuring gcc"
        # MAKEINFO=true: Debian's dfsg tarball strips the GFDL manuals, so
        # never try to (re)build info pages.
        (cd "$GCC_BUILD" &&
         MAKEINFO=true ../gcc-12.2.0/configure --target="$TARGET" \
             --prefix="$PREFIX" --disable-nls --enable-languages=c \
             --without-headers)
        touch "$GCC_BUILD/.configured"
    fi
    log "building gcc + libgcc"
    heavy make -C "$GCC_BUILD" -j"$JOBS" MAKEINFO=true all-gcc all-target-libgcc
    # install-gcc re-checks the generated gcc/doc/tm.texi against the source
    # one, but the dfsg tm.texi.in lacks the hook docs, so genhooks fails
    # ("No place specified to document hook ..."). It is documentation only:
    # mark the check done. The stamp must be newer than build/genhooks, which
    # all-gcc has just built, or make would redo the check anyway.
    touch "$GCC_BUILD/gcc/s-tm-texi"
    heavy make -C "$GCC_BUILD" MAKEINFO=true install-gcc install-target-libgcc
    touch "$WORK/.gcc-installed"
fi

# --- Sanity check: 64-bit division on i686 must resolve to libgcc's __udivdi3.
CHECK="$WORK/check"
mkdir -p "$CHECK"
cat > "$CHECK/div64.c" <<'EOF'
unsigned long long div64(unsigned long long a, unsigned long long b)
{
    return a / b;
}
EOF
"$TARGET-gcc" -ffreestanding -nostdlib -m32 -O2 -Wl,-e,div64 \
    -o "$CHECK/div64.elf" "$CHECK/div64.c" -lgcc
if ! "$TARGET-nm" "$CHECK/div64.elf" | grep -q ' T __udivdi3$'; then
    log "sanity check FAILED: __udivdi3 not linked from libgcc" >&2
    exit 1
fi
log "sanity check ok: 64-bit division linked against libgcc"
"$PREFIX/bin/$TARGET-gcc" --version | head -1

elapsed=$((SECONDS - START))
log "built in $((elapsed / 60)) min ($elapsed s)"
