/* Helpers shared by the kmap family of suites (see kmap_util.h). */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <asm/pgtable.h>
#include "kmap_util.h"

u32 word_pattern(unsigned long seed, unsigned int i)
{
	u32 x = (u32)seed * 0x9e3779b1u + i * 0x85ebca6bu;

	return x ^ (x >> 15);
}

void fill_words(u32 *v, unsigned long seed)
{
	unsigned int i;

	for (i = 0; i < WORDS; i++)
		v[i] = word_pattern(seed, i);
}

unsigned int bad_words(const volatile u32 *v, unsigned long seed)
{
	unsigned int i, bad = 0;

	for (i = 0; i < WORDS; i++)
		bad += v[i] != word_pattern(seed, i);
	return bad;
}

void fill_page(struct page *page, unsigned long seed)
{
	u32 *v = kmap_atomic(page);

	fill_words(v, seed);
	kunmap_atomic(v);
}

unsigned int page_bad_words(struct page *page, unsigned long seed)
{
	u32 *v = kmap_atomic(page);
	unsigned int bad = bad_words(v, seed);

	kunmap_atomic(v);
	return bad;
}

unsigned long highmem_free(void)
{
	return zone_free_pages(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]);
}

const char *highmem_unusable(void)
{
	return totalhigh_pages ? NULL : "no highmem";
}

const char *no_highpage_reason(void)
{
	const char *why = highmem_unusable();

	return why ? why : "cannot allocate a highmem page";
}

struct page *alloc_highpage(void)
{
	struct page *page;

	if (highmem_unusable())
		return NULL;
	page = alloc_page(GFP_HIGHUSER);
	if (page && !PageHighMem(page)) {
		__free_page(page);
		return NULL;
	}
	return page;
}

bool alloc_highpages(struct page **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_highpage();
		if (!pages[i]) {
			free_page_array(pages, i);
			return false;
		}
	}
	return true;
}

void free_page_array(struct page **pages, unsigned int n)
{
	while (n--)
		__free_page(pages[n]);
}
