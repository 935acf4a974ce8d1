/*
 * High memory access (Linux: mm/highmem.c and the i386 kmap_atomic of
 * arch/x86/mm/highmem_32.c).  See include/linux/highmem.h for the two
 * interfaces; this file has their machinery:
 *
 *  - kmap_atomic: this CPU's stack of KM_TYPE_NR fixmap slots.  Mapping
 *    pushes, unmapping pops and flushes only that one TLB entry.
 *    kmap_ctrl counts every kmap_atomic not yet undone, lowmem ones
 *    (which take no slot) included, so an unbalanced kunmap_atomic is
 *    caught whatever else holds the preempt count.  As Linux's
 *    kunmap_local, an out-of-order unmap is reported and still pops the
 *    top slot: the counts stay balanced and the next sleep is legal.
 *  - kmap: the pkmap window, LAST_PKMAP PTEs at PKMAP_BASE (one page
 *    table, pkmap_page_table).  pkmap_count[i] says what slot i holds:
 *      0      free: no mapping, no stale TLB entry
 *      1      no users, but still mapped, and the TLB may hold it; it is
 *             reusable only after the next flush_all_zero_pkmaps()
 *      n > 1  mapped, with n - 1 users
 *    Slots are handed out round robin from last_pkmap_nr; wrapping
 *    around clears every count-1 slot and flushes the TLB once for all
 *    of them, instead of once per kunmap.  A page's pkmap address is
 *    found again through page_address_htable, so a second kmap of the
 *    same page shares the slot.
 */
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/sched/debug.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

/* ---- kmap_atomic ---- */

/* Per CPU (Linux keeps the same in task_struct::kmap_ctrl). */
static struct kmap_ctrl {
	int nesting;			/* kmap_atomic calls not yet undone */
	int idx;			/* fixmap slots in use */
	unsigned long owner[KM_TYPE_NR];	/* vaddr per slot */
} kmap_ctrl;

static pte_t *kmap_pte(enum fixed_addresses idx)
{
	enum pg_level level;

	return lookup_address(__fix_to_virt(idx), &level);
}

int kmap_atomic_depth(void)
{
	return kmap_ctrl.idx;
}

int kmap_atomic_nesting(void)
{
	return kmap_ctrl.nesting;
}

/*
 * Pushes a slot for page.  A slot that is still mapped (someone wrote
 * the fixmap PTE behind kmap_atomic's back) is reported, and its TLB
 * entry flushed after the new PTE is written: otherwise a read through
 * the slot could still reach the old page.
 */
static void *kmap_atomic_high(struct page *page)
{
	enum fixed_addresses idx;
	unsigned long vaddr;
	bool stale;
	pte_t *pte;

	if (kmap_ctrl.idx >= KM_TYPE_NR)
		panic("kmap_atomic: more than %d nested mappings", KM_TYPE_NR);
	idx = FIX_KMAP_BEGIN + kmap_ctrl.idx + KM_TYPE_NR * 0 /* cpu */;
	vaddr = __fix_to_virt(idx);
	pte = kmap_pte(idx);
	stale = !pte_none(*pte);
	WARN(stale, "kmap_atomic: slot %#lx still maps %#llx; flushing it\n",
	     vaddr, pte_val(*pte) & PTE_PFN_MASK);
	set_pte(pte, pfn_pte(page_to_pfn(page), __pgprot(__PAGE_KERNEL)));
	if (stale)
		__flush_tlb_one(vaddr);
	kmap_ctrl.owner[kmap_ctrl.idx++] = vaddr;
	return (void *)vaddr;
}

void *kmap_atomic(struct page *page)
{
	unsigned long flags;
	void *vaddr;

	preempt_disable();
	pagefault_disable();
	local_irq_save(flags);	/* an interrupt may push its own slot */
	kmap_ctrl.nesting++;
	vaddr = PageHighMem(page) ? kmap_atomic_high(page) : page_address(page);
	local_irq_restore(flags);
	return vaddr;
}

static bool in_kmap_atomic_range(unsigned long vaddr)
{
	return vaddr >= __fix_to_virt(FIX_KMAP_END) &&
	       vaddr <= __fix_to_virt(FIX_KMAP_BEGIN);
}

/* Pops the top slot, reporting a vaddr that is not it. */
static void kunmap_atomic_high(unsigned long vaddr)
{
	unsigned long top;

	if (WARN(!kmap_ctrl.idx, "kunmap_atomic(%#lx): no slot is mapped\n",
		 vaddr))
		return;
	top = kmap_ctrl.owner[kmap_ctrl.idx - 1];
	WARN(vaddr != top,
	     "kunmap_atomic(%#lx): not the most recent kmap_atomic (%#lx); unmapping that one\n",
	     vaddr, top);
	pte_clear(kmap_pte(__virt_to_fix(top)));
	__flush_tlb_one(top);
	kmap_ctrl.idx--;
}

/*
 * Undoes the most recent kmap_atomic.  With none held (whatever the
 * preempt count says) it is reported and nothing changes.
 */
void kunmap_atomic(void *addr)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK, flags;

	local_irq_save(flags);
	if (WARN(!kmap_ctrl.nesting,
		 "kunmap_atomic(%p): no kmap_atomic mapping is held\n", addr)) {
		local_irq_restore(flags);
		return;
	}
	kmap_ctrl.nesting--;
	if (in_kmap_atomic_range(vaddr))
		kunmap_atomic_high(vaddr);
	local_irq_restore(flags);
	pagefault_enable();
	preempt_enable();
}

/* ---- page_address_htable: highmem page -> pkmap address ---- */

#define PA_HASH_ORDER	7

struct page_address_map {
	struct page *page;
	void *virtual;
	struct list_head list;
};

static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_htable[1 << PA_HASH_ORDER];
static LIST_HEAD(page_address_pool);

static struct list_head *page_slot(const struct page *page)
{
	return &page_address_htable[(page_to_pfn(page) * 0x9e370001UL) >>
				    (32 - PA_HASH_ORDER)];
}

void *page_address_highmem(const struct page *page)
{
	struct page_address_map *pam;
	void *ret = NULL;
	unsigned long flags;

	local_irq_save(flags);
	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page) {
			ret = pam->virtual;
			break;
		}
	local_irq_restore(flags);
	return ret;
}

/* Records (virtual) or forgets (NULL) a highmem page's pkmap address. */
static void set_page_address(struct page *page, void *virtual)
{
	struct page_address_map *pam;

	if (virtual) {
		pam = list_first_entry(&page_address_pool,
				       struct page_address_map, list);
		list_del(&pam->list);
		pam->page = page;
		pam->virtual = virtual;
		list_add_tail(&pam->list, page_slot(page));
		return;
	}
	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page) {
			list_del(&pam->list);
			list_add_tail(&pam->list, &page_address_pool);
			return;
		}
}

/* ---- kmap: the pkmap window ---- */

#define PKMAP_NR(virt)	(((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr)	(PKMAP_BASE + ((nr) << PAGE_SHIFT))

int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static pte_t *pkmap_page_table;
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
unsigned long pkmap_flush_count;

void permanent_kmaps_init(void)
{
	enum pg_level level;
	unsigned int i;

	pkmap_page_table = lookup_address(PKMAP_BASE, &level);
	BUG_ON(!pkmap_page_table || level != PG_LEVEL_4K);
	for (i = 0; i < ARRAY_SIZE(page_address_htable); i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
	for (i = 0; i < LAST_PKMAP; i++)
		list_add_tail(&page_address_maps[i].list, &page_address_pool);
}

/*
 * Every slot nobody uses any more (count 1) becomes free (count 0); one
 * TLB flush covers them all.
 */
static void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;
	unsigned int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		set_page_address(pfn_to_page(pte_pfn(pkmap_page_table[i])), NULL);
		pte_clear(&pkmap_page_table[i]);
		need_flush = true;
	}
	if (need_flush) {
		__flush_tlb_all();	/* the kmap PTEs are global */
		pkmap_flush_count++;
	}
}

/*
 * A free slot for page, sleeping on pkmap_map_wait while every slot is
 * in use.  Interrupts off on entry and exit (they are enabled to sleep).
 */
static unsigned long map_new_virtual(struct page *page, unsigned long *flags)
{
	struct wait_queue_entry wait = { .task = current };
	unsigned int count;
	unsigned long vaddr;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;
		if (--count)
			continue;
		/* All in use: wait for a kunmap, then look again. */
		prepare_to_wait(&pkmap_map_wait, &wait, TASK_UNINTERRUPTIBLE);
		local_irq_restore(*flags);
		schedule();
		local_irq_save(*flags);
		finish_wait(&pkmap_map_wait, &wait);
		vaddr = (unsigned long)page_address_highmem(page);
		if (vaddr)	/* someone mapped it meanwhile */
			return vaddr;
		goto start;
	}
	vaddr = PKMAP_ADDR(last_pkmap_nr);
	set_pte(&pkmap_page_table[last_pkmap_nr],
		pfn_pte(page_to_pfn(page), __pgprot(__PAGE_KERNEL)));
	pkmap_count[last_pkmap_nr] = 1;
	set_page_address(page, (void *)vaddr);
	return vaddr;
}

static void *kmap_high(struct page *page)
{
	unsigned long vaddr, flags;

	local_irq_save(flags);	/* kmap_lock */
	vaddr = (unsigned long)page_address_highmem(page);
	if (!vaddr)
		vaddr = map_new_virtual(page, &flags);
	pkmap_count[PKMAP_NR(vaddr)]++;
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2);
	local_irq_restore(flags);
	return (void *)vaddr;
}

/* kmap may sleep, so from an interrupt it is a bug (as Linux's BUG). */
static bool kmap_in_interrupt(const char *what)
{
	if (!in_interrupt())
		return false;
	pr_emerg("BUG: %s called from interrupt context\n", what);
	dump_stack();
	return true;
}

void *kmap(struct page *page)
{
	if (kmap_in_interrupt("kmap"))
		return NULL;
	if (!PageHighMem(page))
		return page_address(page);
	return kmap_high(page);
}

void kunmap(struct page *page)
{
	unsigned long vaddr, flags;
	bool need_wakeup = false;
	int nr;

	if (kmap_in_interrupt("kunmap") || !PageHighMem(page))
		return;
	local_irq_save(flags);
	vaddr = (unsigned long)page_address_highmem(page);
	nr = vaddr ? (int)PKMAP_NR(vaddr) : -1;
	if (WARN(nr < 0 || pkmap_count[nr] < 2,
		 "kunmap: page pfn %#lx is not kmapped\n", page_to_pfn(page))) {
		local_irq_restore(flags);
		return;
	}
	/* Count 1: unused, but the slot waits for the next flush. */
	if (--pkmap_count[nr] == 1)
		need_wakeup = !list_empty(&pkmap_map_wait.head);
	local_irq_restore(flags);
	if (need_wakeup)
		wake_up(&pkmap_map_wait);
}

/* ---- helpers built on kmap_atomic ---- */

void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
}

void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_atomic(from), *vto = kmap_atomic(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_atomic(vto);
	kunmap_atomic(vfrom);
}

void memcpy_to_page(struct page *page, size_t offset, const void *from,
		    size_t len)
{
	char *to = kmap_atomic(page);

	BUG_ON(offset + len > PAGE_SIZE);
	memcpy(to + offset, from, len);
	kunmap_atomic(to);
}

void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len)
{
	char *from = kmap_atomic(page);

	BUG_ON(offset + len > PAGE_SIZE);
	memcpy(to, from + offset, len);
	kunmap_atomic(from);
}

/* ---- monitor ---- */

static int cmd_pkmap(int argc, char **argv)
{
	unsigned int i, used = 0;

	mon_printf("slot  count  pfn       vaddr\n");
	for (i = 0; i < LAST_PKMAP; i++) {
		if (!pkmap_count[i])
			continue;
		used++;
		mon_printf("%4u  %5d  %#8lx  %08lx\n", i, pkmap_count[i],
			   pte_pfn(pkmap_page_table[i]), PKMAP_ADDR(i));
	}
	mon_printf("%u of %d slots in use, last_pkmap_nr %u, %lu full flushes\n",
		   used, LAST_PKMAP, last_pkmap_nr, pkmap_flush_count);
	return 0;
}
DEFINE_MONITOR_CMD("pkmap", "pkmap", "kmap slots in use: count, page", cmd_pkmap);

static int cmd_fixmap(int argc, char **argv)
{
	unsigned int idx;

	mon_printf("idx   vaddr     pfn       slot\n");
	for (idx = 1; idx < __end_of_fixed_addresses; idx++) {
		pte_t *pte = kmap_pte(idx);

		if (!pte || !pte_present(*pte))
			continue;
		bool kmap = idx <= FIX_KMAP_END;

		mon_printf("%3u   %08lx  %#8lx  %s%u\n", idx, __fix_to_virt(idx),
			   pte_pfn(*pte), kmap ? "kmap_atomic " : "btmap ",
			   idx - (unsigned int)(kmap ? FIX_KMAP_BEGIN : FIX_BTMAP_END));
	}
	mon_printf("fixmap: 0x%08lx-0x%08lx, %d slots\n", FIXADDR_START,
		   FIXADDR_TOP, __end_of_fixed_addresses);
	return 0;
}
DEFINE_MONITOR_CMD("fixmap", "fixmap", "fixmap slots in use", cmd_fixmap);
