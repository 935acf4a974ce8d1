/*
 * A large anonymous mapping touched page by page: 1 GiB when the machine
 * has the room (at -m 2G it does; with highmem most of it lands there),
 * else what a safe share of MemAvailable allows.  Every page is written
 * and read back, RssAnon must show it all, and munmap gives it all back.
 * That the kernel got every page and page table back at exit is checked
 * by the exec suite, which compares the free counts around the run.
 */
#include <sys/mman.h>
#include "ktap.h"

#define GIB	(1024UL * 1024 * 1024)

static unsigned long size;	/* bytes to map */
static unsigned int *area;
static long rss_before;

/* min(1 GiB, 3/4 of MemAvailable (MemFree where there is none)). */
static void test_size(void)
{
	long avail = proc_kb("/proc/meminfo", "MemAvailable");
	static char why[64];

	if (avail < 0)
		avail = proc_kb("/proc/meminfo", "MemFree");
	if (!EXPECT(avail > 0))
		return;
	size = (unsigned long)avail / 4 * 3 * 1024;
	if (size > GIB)
		size = GIB;
	size &= ~(PAGE - 1);
	ktap_diag("%lu MiB of anonymous memory (MemAvailable: %ld MiB)",
		  size >> 20, avail >> 10);
	if (size < 1024 * PAGE) {
		snprintf(why, sizeof(why), "only %ld kB available", avail);
		ktap_skip(why);
		size = 0;
	}
}

static void test_mmap(void)
{
	struct vma v;

	if (!size)
		return ktap_skip("no size");
	rss_before = proc_kb("/proc/self/status", "RssAnon");
	area = mmap(NULL, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(area != MAP_FAILED)) {
		area = NULL;
		return;
	}
	if (EXPECT(maps_find((unsigned long)area, &v) == 1))
		EXPECT(v.start <= (unsigned long)area &&
		       (unsigned long)area + size <= v.end);
}

/* Reads of untouched pages see zeros (the zero page: no memory used). */
static void test_reads_zero(void)
{
	unsigned long i, n = size / PAGE < 4096 ? size / PAGE : 4096, bad = 0;
	long rss;

	if (!area)
		return ktap_skip("not mapped");
	for (i = 0; i < n; i++)
		bad += area[i * (PAGE / 4)] != 0;
	EXPECT(bad == 0);
	rss = proc_kb("/proc/self/status", "RssAnon");
	EXPECT(rss >= 0 && rss < rss_before + 1024);
}

static void test_write_every_page(void)
{
	unsigned long i, n = size / PAGE, bad = 0;

	if (!area)
		return ktap_skip("not mapped");
	for (i = 0; i < n; i++) {
		area[i * (PAGE / 4)] = (unsigned int)i ^ 0x5a5a0000;
		area[i * (PAGE / 4) + PAGE / 4 - 1] = (unsigned int)~i;
	}
	for (i = 0; i < n; i++)
		bad += area[i * (PAGE / 4)] != ((unsigned int)i ^ 0x5a5a0000) ||
		       area[i * (PAGE / 4) + PAGE / 4 - 1] != (unsigned int)~i ||
		       area[i * (PAGE / 4) + 1] != 0;
	if (!EXPECT(bad == 0))
		ktap_diag("%lu of %lu pages wrong", bad, n);
}

static void test_rss(void)
{
	long rss = proc_kb("/proc/self/status", "RssAnon");
	long rss_total = proc_kb("/proc/self/status", "VmRSS");

	if (!area)
		return ktap_skip("not mapped");
	if (!EXPECT(rss >= rss_before + (long)(size >> 10)))
		ktap_diag("RssAnon %ld kB, was %ld kB before %lu kB", rss,
			  rss_before, size >> 10);
	EXPECT(rss_total >= rss);
}

static void test_munmap(void)
{
	struct vma v;
	long rss;

	if (!area)
		return ktap_skip("not mapped");
	EXPECT(munmap(area, size) == 0);
	EXPECT(maps_find((unsigned long)area, &v) == 0);
	rss = proc_kb("/proc/self/status", "RssAnon");
	if (!EXPECT(rss >= 0 && rss < rss_before + 1024))
		ktap_diag("RssAnon %ld kB, was %ld kB", rss, rss_before);
}

static const struct ktap_case cases[] = {
	{ "size: 1 GiB, or 3/4 of MemAvailable if less", test_size },
	{ "mmap of it: one mapping covers it", test_mmap },
	{ "untouched pages read zero and add no RssAnon", test_reads_zero },
	{ "every page written and read back", test_write_every_page },
	{ "RssAnon counts every page", test_rss },
	{ "munmap: the line and the RssAnon are gone", test_munmap },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
