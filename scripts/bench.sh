#!/usr/bin/env bash
# `make bench`: boots the kernel with `bench` under QEMU TCG with
# -icount shift=0 (one TSC tick per guest instruction, so the figures are
# the same on every host) at -m 2G, then with `bench=boot` at -m 128M and
# 4G for the boot figures, and ends with a table of ours beside Linux's
# (scripts/bench-linux.txt) with the ratio ours/Linux.  A figure a boot
# did not print shows as "missing".  The boot logs are kept in
# build/bench/.  Exit status: 0 if every boot exited with 0.
#
# usage: bench.sh [KERNEL]   (default build/gcc/kernel.elf)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
kernel=${1:-build/gcc/kernel.elf}
out=build/bench
mkdir -p "$out"
status=0

# bench_boot SIZE CMDLINE: one boot; its mmbench:/ubench: lines, each with
# @SIZE after the boot figures' names, go to $out/SIZE.lines.
bench_boot() {
	local size=$1 cmdline=$2 rc
	echo "bench: -m $size, $cmdline"
	timeout -k 10 900 scripts/qemu.sh --kernel "$kernel" --mem "$size" --icount \
		--cmdline "$cmdline" </dev/null >"$out/$size.log" 2>&1
	rc=$?
	if [[ $rc != 0 ]]; then
		echo "bench: the boot at -m $size exited with $rc; see $out/$size.log" >&2
		status=1
	fi
	tr -d '\r' <"$out/$size.log" | grep -aoE '(mm|u)bench: .*' |
		sed -E "s/^(mmbench: boot_to_[a-z]+)/\1@$size/" >"$out/$size.lines"
}

bench_boot 2G bench
bench_boot 128M bench=boot
bench_boot 4G bench=boot
cat "$out"/2G.lines "$out"/128M.lines "$out"/4G.lines |
	grep -aE " ticks|leak|failed|skipped"

# The table: Linux's rows in its file's order, the boot rows at each size,
# then anything of ours Linux has no figure for.
awk -v sizes="128M 2G 4G" '
	FNR == 1 { file++ }
	file == 1 && /^[a-z]/ { linux[$1] = $2; order[++n] = $1; next }
	file == 2 && / ticks/ {
		name = $2; ours[name] = $3
		if (match($0, /\(n=[0-9]+\)/)) nn[name] = substr($0, RSTART + 3, RLENGTH - 4)
		seen[name] = 1
	}
	function row(name,  o, l, r) {
		o = (name in ours) ? ours[name] : "missing"
		l = (name in linux) ? linux[name] : "-"
		r = (o != "missing" && l != "-") ? sprintf("%.2f", o / l) : "-"
		printf "%-22s %8s %12s %12s %7s\n", name, (name in nn) ? nn[name] : "", o, l, r
		done[name] = 1
	}
	END {
		printf "%-22s %8s %12s %12s %7s\n", "benchmark", "n", "ours", "Linux 6.1", "ratio"
		split(sizes, sz, " ")
		for (i = 1; i <= n; i++) {
			name = order[i]
			if (name ~ /^boot_to_/) continue
			if (name == "syscall_getpid")
				for (w = 1; w <= 2; w++)
					for (s = 1; s <= 3; s++)
						row((w == 1 ? "boot_to_memory@" : "boot_to_prompt@") sz[s])
			row(name)
		}
		for (name in seen) if (!(name in done)) row(name)
	}' scripts/bench-linux.txt <(cat "$out"/*.lines) | tee "$out/table.txt"
exit $status
