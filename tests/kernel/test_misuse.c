/*
 * Misuse that Linux detects is reported and then repaired, never left
 * half-done (include/linux/list.h, kernel/sched.c, mm/highmem.c,
 * mm/vmalloc.c's ioremap).  Suite "misuse".  Each case provokes the
 * misuse, checks the report, then checks that the state is what a
 * correct program would have left: counts back to zero, lists intact,
 * no stale mapping -- and that the next legal use works without a word.
 */
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/e820.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include "kmap_util.h"
#include "test_util.h"

/* A page (highmem when there is any) whose first word is tag. */
static struct page *tagged_page(u32 tag)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u32 *v;

	if (page) {
		v = kmap_atomic(page);
		*v = tag;
		kunmap_atomic(v);
	}
	return page;
}

/* Nothing held, nothing counted: the state every case must end in. */
static void expect_clean(struct ktest *test)
{
	EXPECT_EQ(test, preempt_count(), 0);
	EXPECT_FALSE(test, pagefault_disabled());
	EXPECT_EQ(test, kmap_atomic_nesting(), 0);
	EXPECT_EQ(test, kmap_atomic_depth(), 0);
}

/* ---- lists (CONFIG_DEBUG_LIST) ---- */

static void test_list_double_add(struct ktest *test)
{
	struct list_head a, b;
	LIST_HEAD(head);
	size_t mark;

	list_add_tail(&a, &head);
	list_add_tail(&b, &head);
	mark = printk_log_pos();
	list_add_tail(&b, &head);		/* b is already the tail */
	EXPECT_LOGGED(test, mark, "list_add double add");
	EXPECT_LOGGED(test, mark, "WARNING:");
	/* Refused: still head -> a -> b -> head, both ways. */
	EXPECT_PTR_EQ(test, head.next, &a);
	EXPECT_PTR_EQ(test, a.next, &b);
	EXPECT_PTR_EQ(test, b.next, &head);
	EXPECT_PTR_EQ(test, head.prev, &b);
	EXPECT_PTR_EQ(test, b.prev, &a);
	EXPECT_PTR_EQ(test, a.prev, &head);
	list_del(&a);
	list_del(&b);
	EXPECT_TRUE(test, list_empty(&head));
}

static void test_list_del_twice(struct ktest *test)
{
	struct list_head a;
	LIST_HEAD(head);
	size_t mark;

	list_add(&a, &head);
	list_del(&a);
	mark = printk_log_pos();
	list_del(&a);				/* its links are poisoned */
	EXPECT_LOGGED(test, mark, "list_del corruption");
	EXPECT_LOGGED(test, mark, "LIST_POISON1");
	EXPECT_TRUE(test, list_empty(&head));
	EXPECT_PTR_EQ(test, head.prev, &head);
}

/* A neighbour that does not point back: refused, both nodes untouched. */
static void test_list_add_corrupt(struct ktest *test)
{
	struct list_head a, b, c;
	LIST_HEAD(head);
	size_t mark;

	INIT_LIST_HEAD(&c);
	list_add(&a, &head);
	head.prev = &c;				/* a stray write */
	mark = printk_log_pos();
	list_add_tail(&b, &head);
	EXPECT_LOGGED(test, mark, "list_add corruption");
	EXPECT_PTR_EQ(test, a.next, &head);
	head.prev = &a;
	mark = printk_log_pos();
	list_move_tail(&a, &head);		/* legal again: no report */
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	list_del(&a);
	EXPECT_TRUE(test, list_empty(&head));
}

/* ---- preemption and sleeping ---- */

static void test_preempt_enable_unbalanced(struct ktest *test)
{
	size_t mark = printk_log_pos();

	ASSERT_EQ(test, preempt_count(), 0);
	preempt_enable();
	EXPECT_LOGGED(test, mark, "preempt count underflow");
	EXPECT_EQ(test, preempt_count(), 0);
	mark = printk_log_pos();
	pagefault_enable();
	EXPECT_LOGGED(test, mark, "pagefault_enable() without pagefault_disable()");
	expect_clean(test);
}

/*
 * Linux's __schedule_bug(): reported, the count reset, and the sleep
 * still happens.  The section's own preempt_enable() then underflows
 * and is refused.  The next msleep is clean: the sleepers' list is whole.
 */
static void test_sleep_while_atomic(struct ktest *test)
{
	unsigned long before = jiffies;
	size_t mark;

	preempt_disable();
	mark = printk_log_pos();
	msleep(20);
	EXPECT_LOGGED(test, mark, "BUG: scheduling while atomic: kernel_init/1/0x00000001");
	EXPECT_FALSE(test, time_before(jiffies, before + 2));
	EXPECT_EQ(test, preempt_count(), 0);
	preempt_enable();
	EXPECT_LOGGED(test, mark, "preempt count underflow");
	mark = printk_log_pos();
	msleep(20);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	expect_clean(test);
}

/* ---- kmap_atomic ---- */

/*
 * The review's hang: an out-of-order kunmap_atomic used to refuse and
 * leave the count raised, the next msleep slept while atomic, and its
 * run_list went onto the sleepers' list twice.  Now each step is
 * reported and repaired, and the case ends clean.
 */
static void test_out_of_order_unmap_then_sleep(struct ktest *test)
{
	struct page *a = tagged_page(0xa), *b = tagged_page(0xb);
	bool slots;
	size_t mark;
	u32 *va, *vb;

	if (!a || !b) {
		ktest_fail_msg(test, __FILE__, __LINE__, "no pages");
		goto out;
	}
	slots = PageHighMem(a) && PageHighMem(b);
	va = kmap_atomic(a);
	vb = kmap_atomic(b);
	mark = printk_log_pos();
	kunmap_atomic(va);		/* b's was the most recent */
	if (slots)
		EXPECT_LOGGED(test, mark, "not the most recent kmap_atomic");
	EXPECT_EQ(test, kmap_atomic_nesting(), 1);
	EXPECT_EQ(test, *va, 0xa);	/* the mapping that is left is a's */
	msleep(20);			/* still atomic: one kmap_atomic held */
	EXPECT_LOGGED(test, mark, "BUG: scheduling while atomic");
	kunmap_atomic(vb);
	EXPECT_EQ(test, kmap_atomic_nesting(), 0);
	if (slots) {
		EXPECT_EQ(test, mapped_phys(va), (phys_addr_t)-1);
		EXPECT_EQ(test, mapped_phys(vb), (phys_addr_t)-1);
	}
	expect_clean(test);
	/* And everything works again, silently. */
	mark = printk_log_pos();
	va = kmap_atomic(a);
	EXPECT_EQ(test, *va, 0xa);
	kunmap_atomic(va);
	msleep(20);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	expect_clean(test);
out:
	if (a)
		__free_page(a);
	if (b)
		__free_page(b);
}

/*
 * An unbalanced kunmap_atomic inside someone else's preempt_disable():
 * the preempt count is not kmap_atomic's to judge by; its own count is.
 */
static void test_unbalanced_unmap_in_atomic(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	size_t mark;

	ASSERT_NOT_NULL(test, page);
	preempt_disable();
	mark = printk_log_pos();
	kunmap_atomic(page_address(page));
	EXPECT_LOGGED(test, mark, "no kmap_atomic mapping is held");
	EXPECT_EQ(test, preempt_count(), 1);
	EXPECT_FALSE(test, pagefault_disabled());
	preempt_enable();
	expect_clean(test);
	__free_page(page);
}

/*
 * A slot whose PTE someone wrote behind kmap_atomic's back, and whose
 * translation the TLB holds: the next kmap_atomic reports it and must
 * not hand out the old page through the stale TLB entry.
 */
static void test_kmap_atomic_over_mapped_slot(struct ktest *test)
{
	struct page *a = tagged_page(0xa), *b = tagged_page(0xb);
	unsigned long slot = __fix_to_virt(FIX_KMAP_BEGIN + kmap_atomic_depth());
	enum pg_level level;
	size_t mark;
	u32 *v;

	if (!a || !b || !PageHighMem(a) || !PageHighMem(b)) {
		if (a)
			__free_page(a);
		if (b)
			__free_page(b);
		KTEST_SKIP(test, NO_HIGHMEM);
	}
	set_pte(lookup_address(slot, &level),
		pfn_pte(page_to_pfn(a), __pgprot(__PAGE_KERNEL)));
	EXPECT_EQ(test, *(volatile u32 *)slot, 0xa);	/* now in the TLB */
	mark = printk_log_pos();
	v = kmap_atomic(b);
	EXPECT_LOGGED(test, mark, "still maps");
	EXPECT_EQ(test, (unsigned long)v, slot);
	EXPECT_EQ(test, *(volatile u32 *)v, 0xb);
	kunmap_atomic(v);
	EXPECT_EQ(test, mapped_phys((void *)slot), (phys_addr_t)-1);
	expect_clean(test);
	__free_page(a);
	__free_page(b);
}

/* ---- ioremap ---- */

extern char _text[];

/* RAM is refused whoever owns it: here the kernel's own (reserved) text. */
static void test_ioremap_reserved_ram(struct ktest *test)
{
	phys_addr_t text = __pa(_text);
	unsigned long areas = vmalloc_nr_areas();
	size_t mark;

	ASSERT_TRUE(test, PageReserved(virt_to_page(_text)));
	ASSERT_TRUE(test, e820__mapped_any(text, text + 1, E820_TYPE_RAM));
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(text, PAGE_SIZE));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap_cache(text, PAGE_SIZE));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
}

/* The BIOS area is not RAM: ioremap_cache maps it write-back. */
static void test_ioremap_cache(struct ktest *test)
{
	const phys_addr_t bios = 0xf0000;
	enum pg_level level;
	pte_t *pte;
	u8 *io;

	ASSERT_FALSE(test, e820__mapped_any(bios, bios + 0x10000, E820_TYPE_RAM));
	io = ioremap_cache(bios, 0x10000);
	ASSERT_NOT_NULL(test, io);
	pte = lookup_address((unsigned long)io, &level);
	ASSERT_NOT_NULL(test, pte);
	EXPECT_EQ(test, pte_val(*pte) & (_PAGE_PCD | _PAGE_PWT), 0);
	EXPECT_EQ(test, memcmp(io, __va(bios), 0x10000), 0);
	iounmap(io);
	io = ioremap(bios, PAGE_SIZE);
	ASSERT_NOT_NULL(test, io);
	pte = lookup_address((unsigned long)io, &level);
	EXPECT_EQ(test, pte_val(*pte) & (_PAGE_PCD | _PAGE_PWT),
		  _PAGE_PCD | _PAGE_PWT);
	iounmap(io);
}

/*
 * Device memory at 64 GiB (never RAM: RAM stops there) needs bit 36 of
 * the frame: a CPU with more than 36 address bits maps it, and the PTE
 * must say frame 0x1000000, not 0.  At 44 bits the PAE tables end.
 */
static void test_ioremap_physical_limits(struct ktest *test)
{
	const phys_addr_t at64g = (phys_addr_t)MAX_ARCH_PFN << PAGE_SHIFT;
	unsigned int bits = boot_cpu_data.x86_phys_bits;
	size_t mark = printk_log_pos();
	void *io = ioremap(at64g, PAGE_SIZE);

	if (bits > 36) {
		ASSERT_NOT_NULL(test, io);
		EXPECT_EQ(test, mapped_phys(io), at64g);
		EXPECT_EQ(test, vmalloc_to_pfn(io), MAX_ARCH_PFN);
		iounmap(io);
	} else {
		EXPECT_NULL(test, io);
		EXPECT_LOGGED(test, mark, "is beyond the CPU's");
	}
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(1ULL << __PHYSICAL_MASK_SHIFT, PAGE_SIZE));
	if (bits > __PHYSICAL_MASK_SHIFT)
		EXPECT_LOGGED(test, mark, "physical address bits of a PAE page table");
	else
		EXPECT_LOGGED(test, mark, "is beyond the CPU's");
}

KTEST_SUITE(misuse,
	    KTEST_CASE(test_list_double_add),
	    KTEST_CASE(test_list_del_twice),
	    KTEST_CASE(test_list_add_corrupt),
	    KTEST_CASE(test_preempt_enable_unbalanced),
	    KTEST_CASE(test_sleep_while_atomic),
	    KTEST_CASE(test_out_of_order_unmap_then_sleep),
	    KTEST_CASE(test_unbalanced_unmap_in_atomic),
	    KTEST_CASE(test_kmap_atomic_over_mapped_slot),
	    KTEST_CASE(test_ioremap_reserved_ram),
	    KTEST_CASE(test_ioremap_cache),
	    KTEST_CASE(test_ioremap_physical_limits));
