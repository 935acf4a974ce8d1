/*
 * The page-fault handler (Linux: arch/x86/mm/fault.c).
 *
 * A kernel-mode fault is one of three things:
 *  - a vmalloc fault: the address is in the vmalloc, pkmap or fixmap
 *    range and the master page table (swapper_pg_dir) maps it, but this
 *    address space's private copy of the kernel PMD predates the PMD
 *    entry: copy the entry over (vmalloc_sync_one) and retry;
 *  - an expected fault: the faulting instruction is in the exception
 *    table (probe routines), which says where to continue;
 *  - a bug: the oops, in Linux's words, with the page-table walk and, for
 *    the vmalloc range, which area or guard page the address is in.
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pgtable.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/vmalloc.h>
#include <asm/extable.h>
#include <asm/fixmap.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>

unsigned long vmalloc_fault_count;	/* PMD entries synced from the master */

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

static pgd_t *current_pgd(void)
{
	/* In PAE, CR3 holds the PDPT address in bits 31:5. */
	return __va(read_cr3() & ~0x1fUL);
}

/*
 * Copies the master's PMD entry for address into the current address
 * space if that is all that is missing (Linux's vmalloc_sync_one and
 * vmalloc_fault).  Returns 0 when the access can be retried, -1 when the
 * master does not map the address either: a real bug.
 */
static int vmalloc_fault(unsigned long address)
{
	pgd_t *pgd = current_pgd() + pgd_index(address);
	pgd_t *pgd_k = swapper_pg_dir + pgd_index(address);
	pmd_t *pmd, *pmd_k;
	pte_t *pte_k;

	if (address < VMALLOC_START || address > FIXADDR_TOP)
		return -1;
	if (!pgd_present(*pgd_k) || !pgd_present(*pgd))
		return -1;
	pmd = &pgd_page_vaddr(*pgd)[pmd_index(address)];
	pmd_k = &pgd_page_vaddr(*pgd_k)[pmd_index(address)];
	if (!pmd_present(*pmd_k))
		return -1;
	if (!pmd_present(*pmd)) {
		set_pmd(pmd, *pmd_k);		/* vmalloc_sync_one */
		vmalloc_fault_count++;
		if (current->active_mm)
			current->active_mm->vmalloc_faults++;
	} else if (pmd_val(*pmd) != pmd_val(*pmd_k)) {
		return -1;
	}
	if (pmd_large(*pmd_k))
		return 0;
	pte_k = &pmd_page_vaddr(*pmd_k)[pte_index(address)];
	return pte_present(*pte_k) ? 0 : -1;
}

/*
 * A user access the process may not make: Linux's report, then the
 * signal (SIGSEGV, SIGBUS, or SIGKILL when memory ran out); the kernel is
 * untouched.  Linux prints nothing for SIGBUS (show_signal_msg is for
 * SIGSEGV only); here it gets the segfault line's shape, "bus error at",
 * so that a learner sees why a file mapping's process died.
 */
static __noreturn void bad_area_user(struct pt_regs *regs,
				     unsigned long error_code,
				     unsigned long address, int sig)
{
	if (sig == SIGKILL)
		pr_err("Out of memory: Killed process %d (%s)\n",
		       current->pid, current->comm);
	else {
		pr_info("%s[%d]: %s at %lx ip %08x sp %08x error %lx",
			current->comm, current->pid,
			sig == SIGBUS ? "bus error" : "segfault", address,
			regs->ip, regs->sp, error_code);
		print_vma_addr(" in ", regs->ip);
		pr_cont("\n");
	}
	local_irq_enable();
	do_exit(sig);
}

/* May vma be accessed the way error_code says?  (Linux: access_error) */
static bool access_error(unsigned long error_code,
			 const struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	if (error_code & X86_PF_PROT)	/* present but no user access */
		return true;
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/*
 * A fault below TASK_SIZE (Linux: do_user_addr_fault): demand paging,
 * copy-on-write and stack growth for the current process.  0 when the
 * access may now be retried, else the signal it earns.  From kernel mode
 * (copy_from_user) the lock is only tried: a caller holding mmap_lock
 * gets the exception-table fixup, not a deadlock.
 */
static int do_user_addr_fault(struct pt_regs *regs, unsigned long error_code,
			      unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int fault, sig = SIGSEGV;

	if (!mm || in_interrupt() || pagefault_disabled())
		return SIGSEGV;
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	if (user_mode(regs))
		mutex_lock(&mm->mmap_lock);
	else if (!mutex_trylock(&mm->mmap_lock))
		return SIGSEGV;
	vma = find_vma(mm, address);
	if (!vma || (vma->vm_start > address && expand_stack(vma, address)) ||
	    access_error(error_code, vma))
		goto out;
	fault = handle_mm_fault(vma, address, error_code & X86_PF_WRITE);
	sig = fault & VM_FAULT_OOM ? SIGKILL : fault ? SIGBUS : 0;
out:
	mutex_unlock(&mm->mmap_lock);
	return sig;
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	unsigned long error_code = regs->error_code;

	if (!user_mode(regs) && address >= TASK_SIZE &&
	    !(error_code & (X86_PF_PROT | X86_PF_USER | X86_PF_RSVD)) &&
	    vmalloc_fault(address) == 0)
		return;
	if (address < TASK_SIZE && !(error_code & X86_PF_RSVD)) {
		int sig = do_user_addr_fault(regs, error_code, address);

		if (!sig)
			return;
		if (user_mode(regs))
			bad_area_user(regs, error_code, address, sig);
	}
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	if (user_mode(regs))
		bad_area_user(regs, error_code, address, SIGSEGV);
	show_fault_oops(regs, error_code, address);
	dump_pagetable(current_pgd(), address);
	if (address >= VMALLOC_START && address < VMALLOC_END)
		show_vm_area_of(address);
	die("Oops", regs, error_code);
}
