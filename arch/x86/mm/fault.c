/*
 * The page-fault handler (Linux: arch/x86/mm/fault.c).  Until [M5] adds
 * vmalloc_fault() and exception-table fixups, every kernel page fault is a
 * bug: show_fault_oops() says what the access was and why it failed, then
 * die() prints the oops.
 */
#include <linux/kernel.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>

/* Linux's wording, decoded from the error code the CPU pushed. */
static void show_fault_oops(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	const char *access, *reason;

	if (address < PAGE_SIZE)
		pr_alert("BUG: kernel NULL pointer dereference, address: %08lx\n",
			 address);
	else
		pr_alert("BUG: unable to handle page fault for address: %08lx\n",
			 address);

	if (error_code & X86_PF_INSTR)
		access = "instruction fetch";
	else if (error_code & X86_PF_WRITE)
		access = "write access";
	else
		access = "read access";
	pr_alert("#PF: %s %s in %s mode\n",
		 (error_code & X86_PF_USER) ? "user" : "supervisor", access,
		 user_mode(regs) ? "user" : "kernel");

	/*
	 * RSVD first: the SDM says such faults also set P, but QEMU's TCG
	 * leaves P clear, and the reserved bit is the real story either way.
	 */
	if (error_code & X86_PF_RSVD)
		reason = "reserved bit violation";
	else if (!(error_code & X86_PF_PROT))
		reason = "not-present page";
	else
		reason = "permissions violation";
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code, reason);
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	unsigned long error_code = regs->error_code;

	show_fault_oops(regs, error_code, address);
	/* In PAE, CR3 holds the PDPT address in bits 31:5. */
	dump_pagetable(__va(read_cr3() & ~0x1fUL), address);
	die("Oops", regs, error_code);
}
