#!/usr/bin/env bash
# `make run`: at a terminal, boot to the `mm> ` prompt; with stdin not a
# terminal (a script, CI, `</dev/null`), run the self-tests and power off.
# MEM, CMDLINE and CPU from the environment (or make) pass through:
# `make run MEM=8G CPU=max CMDLINE=loglevel=4`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kernel=${1:-$root/build/gcc/kernel.elf}
cmdline=${CMDLINE:-}
if [[ ! -t 0 ]]; then
	cmdline="selftest${cmdline:+ $cmdline}"
	echo "run: stdin is not a terminal: running the self-tests (cmdline: $cmdline)" >&2
else
	echo "run: QEMU -m ${MEM:-2G}; Ctrl-A X quits QEMU, 'poweroff' at the prompt too" >&2
fi
exec "$root/scripts/qemu.sh" --kernel "$kernel" --mem "${MEM:-2G}" --cmdline "$cmdline" \
	${CPU:+--cpu "$CPU"}
