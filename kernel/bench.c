/*
 * `bench` on the command line: the memory manager's micro-benchmarks,
 * then power off (`make bench`, scripts/bench.sh, compares them with
 * Linux's).  Under QEMU with -icount shift=0 the TSC advances one tick
 * per guest instruction, so a figure is an instruction count: the same
 * on every host.
 *
 * Every benchmark is one row of bench_table: a function that does n
 * operations.  Each is run once to warm up (slabs made, per-CPU lists
 * filled, pkmap slot taken), then NR_RUNS times, each run timed as a
 * whole with lfence+rdtsc and divided by n; the median is printed as
 * `mmbench: NAME TICKS ticks/op (n=N)`.  Interrupts stay on, as in the
 * Linux measurement: a timer tick inside a run adds its instructions,
 * and the median drops such a run.  Free counts are compared before and
 * after each benchmark, so a benchmark that leaks says so.
 *
 * `bench=quick` divides every n by BENCH_QUICK_DIV (make test's smoke
 * run: every line, in seconds); `bench=boot` prints only the boot
 * figures.  /bin/ubench, the user-space set, runs last when the
 * initramfs has it (with "quick" as its argument under bench=quick).
 */
#include <linux/bench.h>
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/reboot.h>

#define NR_RUNS		5
#define BENCH_QUICK_DIV	100
#define BATCH_MAX	10000	/* the largest batch: kmalloc64_batch, cache192_batch */

extern bool panic_poweroff;

u64 boot_tsc_start, boot_tsc_memory;

enum bench_mode { BENCH_OFF, BENCH_FULL, BENCH_QUICK, BENCH_BOOT };
static enum bench_mode bench_mode;

static int __init bench_setup(char *val)
{
	if (!val)
		bench_mode = BENCH_FULL;
	else if (strcmp(val, "quick") == 0)
		bench_mode = BENCH_QUICK;
	else if (strcmp(val, "boot") == 0)
		bench_mode = BENCH_BOOT;
	else
		return -EINVAL;		/* "Malformed ...": the boot goes on */
	panic_poweroff = true;
	return 0;
}
early_param("bench", bench_setup);

/*
 * Linux's rdtsc_ordered: lfence keeps rdtsc from running ahead of the
 * loop it closes.  lfence is SSE2; a CPU without it (QEMU's qemu32) runs
 * rdtsc in order anyway under TCG, so the fence is left out there.
 */
static bool have_lfence;

static u64 rdtsc_ordered(void)
{
	if (have_lfence)
		__asm__ __volatile__("lfence" ::: "memory");
	return rdtsc();
}

struct bench {
	const char *name;
	unsigned int n;		/* operations per run */
	unsigned long size;	/* bytes, or the page order */
	bool needs_highmem;
	/* Does n operations; false if an allocation failed (all freed). */
	bool (*fn)(const struct bench *b, unsigned int n);
};

/*
 * What a batch holds between its two halves (kmalloc'ed at the start: not
 * 40 KiB of bss in every boot, and no vmalloc area that would change the
 * vmalloc rows' figures), and the objects the rows share.
 */
static void **batch;
static struct page *high_page;		/* kmap_high, kmap_atomic, clear_highpage */
static struct kmem_cache *cache192;

static bool alloc_free_pages(const struct bench *b, unsigned int n)
{
	struct page *page;
	unsigned int i;

	for (i = 0; i < n; i++) {
		page = alloc_pages(GFP_KERNEL, b->size);
		if (!page)
			return false;
		__free_pages(page, b->size);
	}
	return true;
}

static void free_batch_pages(unsigned int n, unsigned int order)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		__free_pages(batch[i], order);
}

/* n blocks of one order into batch[], then all freed; gfp by highmem. */
static bool batch_pages(const struct bench *b, unsigned int n)
{
	gfp_t gfp = b->needs_highmem ? GFP_HIGHUSER : GFP_KERNEL;
	unsigned int i;

	for (i = 0; i < n; i++) {
		batch[i] = alloc_pages(gfp, b->size);
		if (!batch[i]) {
			free_batch_pages(i, b->size);
			return false;
		}
	}
	free_batch_pages(n, b->size);
	return true;
}

static bool kmalloc_kfree(const struct bench *b, unsigned int n)
{
	unsigned int i;
	void *p;

	for (i = 0; i < n; i++) {
		p = kmalloc(b->size, GFP_KERNEL);
		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

/* Frees batch[0..n): kmalloc'ed objects, or cache192's when from_cache. */
static void free_batch_objs(unsigned int n, bool from_cache)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (from_cache)
			kmem_cache_free(cache192, batch[i]);
		else
			kfree(batch[i]);
	}
}

/* n objects into batch[], then all freed: kmalloc(size), or cache192's. */
static bool batch_objs(const struct bench *b, unsigned int n)
{
	bool from_cache = b->size == 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		batch[i] = from_cache ? kmem_cache_alloc(cache192, GFP_KERNEL) :
					kmalloc(b->size, GFP_KERNEL);
		if (!batch[i]) {
			free_batch_objs(i, from_cache);
			return false;
		}
	}
	free_batch_objs(n, from_cache);
	return true;
}

/* vmalloc(size) + vfree; with touch, a byte written in every page first. */
static bool vmalloc_vfree(const struct bench *b, unsigned int n, bool touch)
{
	unsigned long off;
	unsigned int i;
	u8 *p;

	for (i = 0; i < n; i++) {
		p = vmalloc(b->size);
		if (!p)
			return false;
		for (off = 0; touch && off < b->size; off += PAGE_SIZE)
			WRITE_ONCE(p[off], (u8)i);
		vfree(p);
	}
	return true;
}

static bool vmalloc_only(const struct bench *b, unsigned int n)
{
	return vmalloc_vfree(b, n, false);
}

static bool vmalloc_touch(const struct bench *b, unsigned int n)
{
	return vmalloc_vfree(b, n, true);
}

/* The same page every time: after the first, kmap reuses its slot. */
static bool kmap_write(const struct bench *b, unsigned int n)
{
	unsigned int i;
	u8 *p;

	for (i = 0; i < n; i++) {
		p = kmap(high_page);
		WRITE_ONCE(*p, (u8)i);
		kunmap(high_page);
	}
	return true;
}

static bool kmap_atomic_write(const struct bench *b, unsigned int n)
{
	unsigned int i;
	u8 *p;

	for (i = 0; i < n; i++) {
		p = kmap_atomic(high_page);
		WRITE_ONCE(*p, (u8)i);
		kunmap_atomic(p);
	}
	return true;
}

static bool clear_page_n(const struct bench *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		clear_highpage(high_page);
	return true;
}

/* The list ([M8]), in its order and with its names and counts. */
static const struct bench bench_table[] = {
	{ "page_order0",	10000,	0,	false,	alloc_free_pages },
	{ "page_order0_batch",	4096,	0,	false,	batch_pages },
	{ "page_order3",	2000,	3,	false,	alloc_free_pages },
	{ "page_order9_batch",	32,	9,	false,	batch_pages },
	{ "page_highmem_batch",	4096,	0,	true,	batch_pages },
	{ "kmalloc32",		20000,	32,	false,	kmalloc_kfree },
	{ "kmalloc64",		20000,	64,	false,	kmalloc_kfree },
	{ "kmalloc256",		20000,	256,	false,	kmalloc_kfree },
	{ "kmalloc1024",	20000,	1024,	false,	kmalloc_kfree },
	{ "kmalloc4096",	20000,	4096,	false,	kmalloc_kfree },
	{ "kmalloc64_batch",	10000,	64,	false,	batch_objs },
	{ "cache192_batch",	10000,	0,	false,	batch_objs },	/* size 0: cache192 */
	{ "vmalloc4k",		1000,	4096,	false,	vmalloc_only },
	{ "vmalloc64k",		1000,	65536,	false,	vmalloc_only },
	{ "vmalloc1m",		200,	1 << 20, false,	vmalloc_only },
	{ "vmalloc64k_touch",	1000,	65536,	false,	vmalloc_touch },
	{ "kmap_high",		20000,	0,	true,	kmap_write },
	{ "kmap_atomic",	20000,	0,	true,	kmap_atomic_write },
	{ "clear_highpage",	2000,	0,	true,	clear_page_n },
};

static void sort_u64(u64 *v, int n)
{
	int i, j;
	u64 t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/*
 * Compares the free counts (slabs shrunk, per-CPU lists drained) with
 * before; says "leak in NAME" and what changed.  True if all equal.
 */
static bool leak_check(const char *name, const struct ktest_snapshot *before)
{
	static struct ktest_snapshot now;
	bool same = true;
	int i;

	ktest_take_snapshot(&now);
	for (i = 0; i < before->n && i < now.n; i++) {
		if (before->v[i] == now.v[i])
			continue;
		if (same)
			pr_err("mmbench: leak in %s\n", name);
		pr_err("mmbench:   %s was %lu, now %lu\n", before->name[i],
		       before->v[i], now.v[i]);
		same = false;
	}
	return same;
}

/* One row: warm-up, NR_RUNS timed runs, the median line.  True if fine. */
static bool bench_one(const struct bench *b, unsigned int div)
{
	static struct ktest_snapshot before;
	unsigned int n = max(b->n / div, 1U);
	u64 t[NR_RUNS], t0;
	int r;

	if (b->needs_highmem && !high_page) {
		pr_info("mmbench: %s skipped (no highmem)\n", b->name);
		return true;
	}
	ktest_take_snapshot(&before);
	if (!b->fn(b, n))
		goto failed;
	for (r = 0; r < NR_RUNS; r++) {
		t0 = rdtsc_ordered();
		if (!b->fn(b, n))
			goto failed;
		t[r] = rdtsc_ordered() - t0;
	}
	sort_u64(t, NR_RUNS);
	pr_info("mmbench: %s %llu ticks/op (n=%u)\n", b->name,
		(unsigned long long)div_u64(t[NR_RUNS / 2], n), n);
	return leak_check(b->name, &before);
failed:
	pr_err("mmbench: %s: allocation failed\n", b->name);
	leak_check(b->name, &before);
	return false;
}

/*
 * What the rows share, made before their snapshots and freed after: the
 * batch array, the highmem page (none without HighMem) and the 192-byte
 * cache.  False if the array or the cache cannot be had.
 */
static bool bench_setup_objects(void)
{
	batch = kmalloc(BATCH_MAX * sizeof(*batch), GFP_KERNEL);
	high_page = alloc_page(GFP_HIGHUSER);
	if (high_page && !PageHighMem(high_page)) {
		__free_page(high_page);
		high_page = NULL;
	}
	cache192 = kmem_cache_create("bench192", 192, 0, 0, NULL);
	return batch && cache192;
}

static void bench_free_objects(void)
{
	if (high_page)
		__free_page(high_page);
	kmem_cache_destroy(cache192);
	kfree(batch);
}

/* /bin/ubench, the user-space set; false if it ran and failed. */
static bool run_ubench(void)
{
	const char *argv[] = { "/bin/ubench",
			       bench_mode == BENCH_QUICK ? "quick" : NULL, NULL };
	int status = 0, pid = run_program(argv[0], argv, &status);

	if (pid == -ENOENT) {
		pr_info("mmbench: no /bin/ubench in the initramfs: no user-space figures\n");
		return true;
	}
	if (pid < 0 || status) {
		pr_err("mmbench: /bin/ubench failed (error %d, status 0x%x)\n",
		       pid < 0 ? pid : 0, status);
		return false;
	}
	return true;
}

void run_bench_if_requested(void)
{
	u64 prompt = rdtsc();	/* where the prompt would come */
	unsigned int div = bench_mode == BENCH_QUICK ? BENCH_QUICK_DIV : 1;
	bool ok = true;
	size_t i;

	if (bench_mode == BENCH_OFF)
		return;
	pr_info("mmbench: boot_to_memory %llu ticks\n",
		(unsigned long long)(boot_tsc_memory - boot_tsc_start));
	pr_info("mmbench: boot_to_prompt %llu ticks\n",
		(unsigned long long)(prompt - boot_tsc_start));
	if (bench_mode == BENCH_BOOT)
		machine_power_off(POWEROFF_SUCCESS);

	have_lfence = boot_cpu_has(X86_FEATURE_XMM2);
	if (!bench_setup_objects()) {
		pr_err("mmbench: no memory for the batch array or the 192-byte cache\n");
		machine_power_off(POWEROFF_FAILURE);
	}
	for (i = 0; i < ARRAY_SIZE(bench_table); i++)
		ok &= bench_one(&bench_table[i], div);
	bench_free_objects();
	ok &= run_ubench();
	pr_info("mmbench: done%s\n", ok ? "" : " (with failures)");
	machine_power_off(ok ? POWEROFF_SUCCESS : POWEROFF_FAILURE);
}
