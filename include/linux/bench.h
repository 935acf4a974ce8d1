/*
 * `make bench`: the memory manager's benchmarks (kernel/bench.c) and the
 * boot-time TSC stamps they report.
 */
#ifndef _LINUX_BENCH_H
#define _LINUX_BENCH_H

#include <linux/types.h>

/* rdtsc at start_kernel's first instruction and after the Memory: line. */
extern u64 boot_tsc_start, boot_tsc_memory;

/* With `bench` on the command line: runs the benchmarks, powers off. */
void run_bench_if_requested(void);

#endif /* _LINUX_BENCH_H */
