/*
 * Trap paths: each exception the kernel can take is provoked on purpose
 * through expect_trap(), and the report it printed is checked.  The page
 * fault cases play with the early page tables (boot/head.asm), whose PMD
 * entries are 2 MiB pages: they change one entry, flush it, fault, and put
 * it back.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <asm/irqflags.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>

/*
 * The tests that bend a mapping use a 2 MiB block of lowmem taken from
 * the buddy allocator for the purpose (an order-9 block is 2 MiB aligned),
 * mapped by one large PMD entry of the direct map; spare_get() finds that
 * entry, spare_put() gives the block back.
 */
#define SPARE_ORDER	(PMD_SHIFT - PAGE_SHIFT)
static unsigned long spare_vaddr;
static pmd_t *spare_pmd;

static bool spare_get(struct ktest *test)
{
	struct page *page = alloc_pages(GFP_KERNEL, SPARE_ORDER);
	enum pg_level level;

	if (!page)
		return false;
	spare_vaddr = (unsigned long)page_address(page);
	spare_pmd = (pmd_t *)lookup_address(spare_vaddr, &level);
	EXPECT_EQ(test, level, PG_LEVEL_2M);
	return level == PG_LEVEL_2M;
}

static void spare_put(void)
{
	free_pages(spare_vaddr, SPARE_ORDER);
}

static void do_ud2(void *arg)
{
	__asm__ __volatile__("ud2");
}

static void do_int3(void *arg)
{
	__asm__ __volatile__("int3");
}

static void do_divide_error(void *arg)
{
	volatile unsigned int zero = *(unsigned int *)arg;
	unsigned int q;

	__asm__ __volatile__("divl %2" : "=a"(q) : "a"(1), "r"(zero), "d"(0));
}

static void do_read(void *arg)
{
	(void)*(volatile unsigned long *)arg;
}

static void do_write(void *arg)
{
	*(volatile unsigned long *)arg = 0x12345678;
}

static void do_call(void *arg)
{
	((void (*)(void))arg)();
}

static void test_invalid_opcode(struct ktest *test)
{
	size_t mark = printk_log_pos();
	struct pt_regs regs;

	ASSERT_TRUE(test, expect_trap(X86_TRAP_UD, do_ud2, NULL, &regs, NULL));
	EXPECT_EQ(test, regs.vector, X86_TRAP_UD);
	EXPECT_LOGGED(test, mark, "invalid opcode: 0000 [#");
	EXPECT_LOGGED(test, mark, "EIP: do_ud2+");
	EXPECT_LOGGED(test, mark, "Call Trace:");
	EXPECT_LOGGED(test, mark, "test_invalid_opcode+");
	EXPECT_LOGGED(test, mark, "CR0: ");
	/* The handler ran with interrupts off; the test gets its own back. */
	EXPECT_FALSE(test, irqs_disabled());
}

static void test_int3(struct ktest *test)
{
	size_t mark = printk_log_pos();
	struct pt_regs regs;

	ASSERT_TRUE(test, expect_trap(X86_TRAP_BP, do_int3, NULL, &regs, NULL));
	EXPECT_EQ(test, regs.vector, X86_TRAP_BP);
	EXPECT_LOGGED(test, mark, "int3: 0000 [#");
	/* int3 is a trap: EIP already points past the instruction. */
	EXPECT_LOGGED(test, mark, "EIP: do_int3+");
}

static void test_divide_error(struct ktest *test)
{
	unsigned int zero = 0;
	size_t mark = printk_log_pos();
	struct pt_regs regs;

	ASSERT_TRUE(test, expect_trap(X86_TRAP_DE, do_divide_error, &zero,
				      &regs, NULL));
	EXPECT_LOGGED(test, mark, "divide error: 0000 [#");
	EXPECT_LOGGED(test, mark, "EIP: do_divide_error+");
}

static void test_no_trap_returns_false(struct ktest *test)
{
	unsigned long x = 5;

	EXPECT_FALSE(test, expect_trap(X86_TRAP_PF, do_read, &x, NULL, NULL));
}

static void test_pf_not_present_read(struct ktest *test)
{
	size_t mark = printk_log_pos();
	struct pt_regs regs;
	unsigned long cr2;

	/* PDPT entry 1 (0x40000000-0x7fffffff) is not present. */
	ASSERT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, (void *)0x40000010,
				      &regs, &cr2));
	EXPECT_EQ(test, cr2, 0x40000010);
	EXPECT_EQ(test, regs.error_code, 0);
	EXPECT_LOGGED(test, mark, "BUG: unable to handle page fault for address: 40000010");
	EXPECT_LOGGED(test, mark, "#PF: supervisor read access in kernel mode");
	EXPECT_LOGGED(test, mark, "#PF: error_code(0x0000) - not-present page");
	EXPECT_LOGGED(test, mark, "Oops: 0000 [#");
	EXPECT_LOGGED(test, mark, "EIP: do_read+");
	/* The walk stops at the PDPT entry that is not present. */
	EXPECT_LOGGED(test, mark, "*pdpt = 0000000000000000 \n");
}

static void test_null_pointer(struct ktest *test)
{
	size_t mark = printk_log_pos();
	unsigned long cr2;

	ASSERT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, NULL, NULL, &cr2));
	EXPECT_EQ(test, cr2, 0);
	EXPECT_LOGGED(test, mark, "BUG: kernel NULL pointer dereference, address: 00000000");
}

static void test_pf_not_present_write(struct ktest *test)
{
	size_t mark = printk_log_pos();
	struct pt_regs regs;

	ASSERT_TRUE(test, expect_trap(X86_TRAP_PF, do_write, (void *)0x80000000,
				      &regs, NULL));
	EXPECT_EQ(test, regs.error_code, X86_PF_WRITE);
	EXPECT_LOGGED(test, mark, "#PF: supervisor write access in kernel mode");
	EXPECT_LOGGED(test, mark, "#PF: error_code(0x0002) - not-present page");
}

/* Rewrites the spare PMD entry and flushes its translation. */
static u64 spare_pmd_set(u64 val)
{
	u64 old = pmd_val(*spare_pmd);

	set_pmd(spare_pmd, __pmd(val));
	__flush_tlb_one(spare_vaddr);
	return old;
}

static void test_pf_write_protect(struct ktest *test)
{
	size_t mark;
	struct pt_regs regs;
	bool trapped;
	u64 old;

	ASSERT_TRUE(test, spare_get(test));
	old = spare_pmd_set(pmd_val(*spare_pmd) & ~_PAGE_RW);
	mark = printk_log_pos();
	/* CR0.WP makes the kernel honour read-only pages too. */
	trapped = expect_trap(X86_TRAP_PF, do_write, (void *)spare_vaddr,
			      &regs, NULL);
	spare_pmd_set(old);
	spare_put();
	ASSERT_TRUE(test, trapped);
	EXPECT_EQ(test, regs.error_code, X86_PF_PROT | X86_PF_WRITE);
	EXPECT_LOGGED(test, mark, "#PF: error_code(0x0003) - permissions violation");
}

static void test_pf_reserved_bit(struct ktest *test)
{
	size_t mark;
	struct pt_regs regs;
	bool trapped;
	u64 old;

	if (boot_cpu_data.x86_phys_bits > 40)
		KTEST_SKIP(test, "CPU has more than 40 physical address bits");
	ASSERT_TRUE(test, spare_get(test));
	/* Bit 40 is above the CPU's physical address width: reserved. */
	old = spare_pmd_set(pmd_val(*spare_pmd) | (1ULL << 40));
	mark = printk_log_pos();
	trapped = expect_trap(X86_TRAP_PF, do_read, (void *)spare_vaddr,
			      &regs, NULL);
	spare_pmd_set(old);
	spare_put();
	ASSERT_TRUE(test, trapped);
	EXPECT_TRUE(test, regs.error_code & X86_PF_RSVD);
	EXPECT_LOGGED(test, mark, "reserved bit violation");
}

static void test_pf_instruction_fetch(struct ktest *test)
{
	u64 old;
	size_t mark;
	struct pt_regs regs;
	bool trapped;

	if (!boot_cpu_has_nx())
		KTEST_SKIP(test, "CPU without NX");
	ASSERT_TRUE(test, spare_get(test));
	*(volatile u8 *)spare_vaddr = 0xc3;	/* ret */
	old = spare_pmd_set(pmd_val(*spare_pmd) | _PAGE_NX);
	mark = printk_log_pos();
	trapped = expect_trap(X86_TRAP_PF, do_call, (void *)spare_vaddr,
			      &regs, NULL);
	spare_pmd_set(old);
	spare_put();
	ASSERT_TRUE(test, trapped);
	EXPECT_EQ(test, regs.error_code, X86_PF_PROT | X86_PF_INSTR);
	EXPECT_LOGGED(test, mark, "#PF: supervisor instruction fetch in kernel mode");
}

static void do_bug(void *arg)
{
	BUG();
}

static void test_bug_is_invalid_opcode(struct ktest *test)
{
	size_t mark = printk_log_pos();

	ASSERT_TRUE(test, expect_trap(X86_TRAP_UD, do_bug,
				      NULL, NULL, NULL));
	EXPECT_LOGGED(test, mark, "kernel BUG at tests/kernel/test_traps.c:");
	EXPECT_LOGGED(test, mark, "invalid opcode: 0000");
}

KTEST_SUITE(traps,
	    KTEST_CASE(test_invalid_opcode),
	    KTEST_CASE(test_int3),
	    KTEST_CASE(test_divide_error),
	    KTEST_CASE(test_no_trap_returns_false),
	    KTEST_CASE(test_pf_not_present_read),
	    KTEST_CASE(test_null_pointer),
	    KTEST_CASE(test_pf_not_present_write),
	    KTEST_CASE(test_pf_write_protect),
	    KTEST_CASE(test_pf_reserved_bit),
	    KTEST_CASE(test_pf_instruction_fetch),
	    KTEST_CASE(test_bug_is_invalid_opcode));
