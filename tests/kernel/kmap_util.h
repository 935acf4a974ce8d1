/*
 * Helpers shared by the kmap_atomic, kmap and highmem suites: page
 * contents by pattern, checked through any mapping; highmem pages, or
 * the reason a case has to skip without them (-m 128M has none).
 */
#ifndef _TESTS_KERNEL_KMAP_UTIL_H
#define _TESTS_KERNEL_KMAP_UTIL_H

#include <linux/mm.h>
#include "test_util.h"

#define WORDS		(PAGE_SIZE / sizeof(u32))
#define PFN_4G		0x100000UL

/* Word i of the pattern for seed: distinct seeds differ in every word. */
u32 word_pattern(unsigned long seed, unsigned int i);
void fill_words(u32 *v, unsigned long seed);
unsigned int bad_words(const volatile u32 *v, unsigned long seed);
/* The same through kmap_atomic. */
void fill_page(struct page *page, unsigned long seed);
unsigned int page_bad_words(struct page *page, unsigned long seed);

unsigned long highmem_free(void);
/* Why the highmem cases cannot run here, or NULL. */
const char *highmem_unusable(void);
/* The reason to skip when alloc_highpage() or alloc_highpages() failed. */
const char *no_highpage_reason(void);
/* A page from HighMem, or NULL. */
struct page *alloc_highpage(void);
/* n pages from HighMem, or none (and false). */
bool alloc_highpages(struct page **pages, unsigned int n);
void free_page_array(struct page **pages, unsigned int n);

#endif /* _TESTS_KERNEL_KMAP_UTIL_H */
