/*
 * User address spaces in the kernel (mm/mmap.c, mm/mprotect.c,
 * mm/memory.c, arch/x86/mm/mmap.c, kernel/fork.c, kernel/execve.c):
 * mm_alloc()'d spaces laid out as randomize_va_space says, filled with
 * hundreds of mappings top-down, cut by munmap and mprotect, a heap
 * grown and shrunk, the maps listing one line per VMA, files of the
 * initramfs mapped privately and faulted in page by page
 * (handle_mm_fault, as a user fault calls it), an exec'd program's
 * segments, and mmput() giving every VMA back (the suite's
 * free_pages_unchanged check catches a VMA left behind).  The host
 * tests (tests/host/test_mmap*.c) do the case-by-case work.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/monitor.h>
#include <linux/pgtable.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>

#define NMAPS		300
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define SIZE_128M	(128UL << 20)

static unsigned long addrs[NMAPS];

/* The layout with the default randomize_va_space (2) and the 8 MiB stack. */
static void test_layout(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();

	ASSERT_NOT_NULL(test, mm);
	EXPECT_EQ(test, mm->task_size, TASK_SIZE);
	EXPECT_EQ(test, offset_in_page(mm->mmap_base), 0);
	EXPECT_LE(test, mm->mmap_base, TASK_SIZE - SIZE_128M);
	EXPECT_GE(test, mm->mmap_base, TASK_SIZE - SIZE_128M - (255UL << PAGE_SHIFT));
	EXPECT_EQ(test, mm->map_count, 0);
	EXPECT_PTR_EQ(test, mm->mmap, NULL);
	mmput(mm);
}

/*
 * NMAPS mappings of 1-4 pages with alternating protections, top-down:
 * each lies wholly below mmap_base and below the one before (nothing is
 * freed in between), and neighbours with equal flags merged.
 */
static void test_many_mappings(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long len, total = 0;
	int i, err = 0;

	ASSERT_NOT_NULL(test, mm);
	for (i = 0; i < NMAPS; i++) {
		len = (1 + i % 4) * PAGE_SIZE;
		addrs[i] = vm_mmap(mm, NULL, 0, len, i % 3 ? PROT_READ : PROT_READ | PROT_WRITE,
				   ANON, 0);
		if (IS_ERR_VALUE(addrs[i]) || addrs[i] + len > (i ? addrs[i - 1] : mm->mmap_base))
			err++;
		total += len >> PAGE_SHIFT;
	}
	EXPECT_EQ(test, err, 0);
	EXPECT_EQ(test, mm->total_vm, total);
	EXPECT_EQ(test, validate_mm(mm), 0);
	/* Runs of equal flags merged: the R, R pairs between RW ones. */
	EXPECT_EQ(test, mm->map_count, NMAPS / 3 * 2);
	/* Every other mapping out again, and the holes' middles read-write. */
	for (i = 0; i < NMAPS; i += 2)
		err += vm_munmap(mm, addrs[i], PAGE_SIZE) != 0;
	for (i = 1; i < NMAPS; i += 4)
		err += do_mprotect(mm, addrs[i], PAGE_SIZE, PROT_READ | PROT_WRITE) != 0;
	EXPECT_EQ(test, err, 0);
	EXPECT_EQ(test, mm->total_vm, total - NMAPS / 2);
	EXPECT_EQ(test, validate_mm(mm), 0);
	EXPECT_PTR_EQ(test, find_vma_intersection(mm, addrs[0], addrs[0] + PAGE_SIZE), NULL);
	EXPECT_EQ(test, do_munmap(mm, addrs[0] + 1, PAGE_SIZE), -EINVAL);
	mmput(mm);			/* exit_mmap: the leak check sees the rest */
}

/* The heap: created, grown, shrunk, refused below start_brk. */
static void test_brk(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long start = 0x0804c000;
	struct vm_area_struct *vma;

	ASSERT_NOT_NULL(test, mm);
	mm->start_brk = mm->brk = start;
	EXPECT_EQ(test, mm_brk(mm, start + 3 * PAGE_SIZE + 5), start + 3 * PAGE_SIZE + 5);
	vma = find_vma(mm, start);
	ASSERT_NOT_NULL(test, vma);
	EXPECT_EQ(test, vma->vm_start, start);
	EXPECT_EQ(test, vma->vm_end, start + 4 * PAGE_SIZE);
	EXPECT_EQ(test, mm->data_vm, 4);
	EXPECT_EQ(test, mm_brk(mm, start + PAGE_SIZE), start + PAGE_SIZE);
	EXPECT_EQ(test, vma->vm_end, start + PAGE_SIZE);
	EXPECT_EQ(test, mm_brk(mm, start - PAGE_SIZE), start + PAGE_SIZE);
	EXPECT_EQ(test, mm->map_count, 1);
	mmput(mm);
}

/* The maps listing: one line per VMA, the heap named. */
static void test_maps(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long addr, lines = 0;
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL), *s;
	int len;

	if (!mm || !buf) {
		ktest_fail_msg(test, __FILE__, __LINE__, "an allocation failed");
		goto out;
	}
	mm->start_brk = mm->brk = 0x0804c000;
	mm_brk(mm, 0x0804e000);
	addr = vm_mmap(mm, NULL, 0x10000000, 2 * PAGE_SIZE, PROT_READ | PROT_EXEC, ANON, 0);
	EXPECT_EQ(test, addr, 0x10000000);
	vm_mmap(mm, NULL, 0, PAGE_SIZE, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, 0);
	len = show_maps(mm, buf, PAGE_SIZE, NULL);
	EXPECT_GT(test, len, 0);
	for (s = buf; *s; s++)
		lines += *s == '\n';
	EXPECT_EQ(test, lines, mm->map_count);
	EXPECT_EQ(test, strncmp(buf, "0804c000-0804e000 rw-p 00000000 00:00 0          [heap]\n", 56), 0);
	EXPECT_EQ(test, strncmp(buf + 56, "10000000-10002000 r-xp 00000000 00:00 0 \n", 41), 0);
	EXPECT_EQ(test, strncmp(buf + 97 + 17, " ---s ", 6), 0);
out:
	kfree(buf);
	if (mm)
		mmput(mm);
}

/* ---- file mappings ---- */

#define HELLO		"/bin/hello"
#define NO_INITRAMFS	"no initramfs: booted without a module"

static struct inode *hello_inode(void)
{
	int err;

	return ramfs_lookup(HELLO, &err);
}

static bool pages_equal(struct page *a, struct page *b)
{
	u8 *pa = kmap_atomic(a), *pb = kmap_atomic(b);
	bool same = !memcmp(pa, pb, PAGE_SIZE);

	kunmap_atomic(pb);
	kunmap_atomic(pa);
	return same;
}

/* Is addr mapped writable in mm? */
static bool pte_writable(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte;

	return follow_pte(mm, addr, &pte) && (pte_val(pte) & _PAGE_RW);
}

/* A fault as a user access would raise it, under mmap_lock (test_shmem.c too). */
int user_fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	int ret;

	mutex_lock(&mm->mmap_lock);
	ret = handle_mm_fault(find_vma(mm, addr), addr, write);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/* What a file page's users look like: references and mappings. */
struct page_users {
	int count, mapcount;
};

static struct page_users users_of(struct page *page)
{
	return (struct page_users){ page_count(page), page_mapcount(page) };
}

#define EXPECT_USERS(t, page, was, dc, dm) do {				\
	EXPECT_EQ(t, page_count(page), (was).count + (dc));		\
	EXPECT_EQ(t, page_mapcount(page), (was).mapcount + (dm));	\
} while (0)

/*
 * A private file mapping of /bin/hello, one page longer than the file:
 * a read maps the file's own page read-only (a reference, a mapping,
 * MM_FILEPAGES); a write copies it into an anonymous page (AnonPages)
 * and the file page keeps its bytes; a first touch that writes copies
 * at once; the page past the file is SIGBUS.  munmap gives it all back,
 * the PTE page included (free_pgtables).
 */
static void test_file_private_mapping(struct ktest *test)
{
	struct inode *inode = hello_inode();
	int anon = atomic_read(&nr_anon_mapped), pts = atomic_read(&nr_pagetable_pages);
	struct page *fp, *p;
	struct page_users was;
	struct mm_struct *mm;
	unsigned long addr, len;
	u8 *v;

	if (!inode)
		KTEST_SKIP(test, NO_INITRAMFS);
	ASSERT_GE(test, inode->i_nrpages, 2);
	mm = mm_alloc();
	ASSERT_NOT_NULL(test, mm);
	fp = ramfs_get_page(inode, 1);
	was = users_of(fp);
	len = (inode->i_nrpages + 1) << PAGE_SHIFT;
	addr = vm_mmap(mm, inode, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	EXPECT_EQ(test, user_fault(mm, addr + PAGE_SIZE, false), 0);
	EXPECT_PTR_EQ(test, follow_page(mm, addr + PAGE_SIZE), fp);
	EXPECT_FALSE(test, pte_writable(mm, addr + PAGE_SIZE));
	EXPECT_USERS(test, fp, was, 1, 1);
	EXPECT_EQ(test, get_mm_counter(mm, MM_FILEPAGES), 1);
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon);

	EXPECT_EQ(test, user_fault(mm, addr + PAGE_SIZE, true), 0);	/* COW */
	p = follow_page(mm, addr + PAGE_SIZE);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_NE(test, p, fp);
	EXPECT_TRUE(test, pages_equal(p, fp));
	EXPECT_TRUE(test, pte_writable(mm, addr + PAGE_SIZE));
	EXPECT_USERS(test, fp, was, 0, 0);
	v = kmap_atomic(p);
	memset(v, 0xaa, PAGE_SIZE);
	kunmap_atomic(v);
	EXPECT_FALSE(test, pages_equal(p, fp));		/* the file is untouched */
	EXPECT_EQ(test, get_mm_counter(mm, MM_FILEPAGES), 0);
	EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 1);
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon + 1);

	EXPECT_EQ(test, user_fault(mm, addr, true), 0);	/* a write first */
	p = follow_page(mm, addr);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_NE(test, p, ramfs_get_page(inode, 0));
	EXPECT_TRUE(test, pages_equal(p, ramfs_get_page(inode, 0)));
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon + 2);
	EXPECT_EQ(test, user_fault(mm, addr + len - PAGE_SIZE, false), VM_FAULT_SIGBUS);

	EXPECT_EQ(test, vm_munmap(mm, addr, len), 0);
	EXPECT_USERS(test, fp, was, 0, 0);
	EXPECT_EQ(test, get_mm_rss(mm), 0);
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon);
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), pts);
	mmput(mm);
}

/*
 * get_user_page_force (exec's padzero) into a PROT_NONE mapping,
 * anonymous or of a file: refused before any page is made, so nothing
 * is left counted or mapped where no PTE can show it.
 */
static void test_force_into_prot_none(struct ktest *test)
{
	int anon = atomic_read(&nr_anon_mapped);
	struct inode *inode = hello_inode();
	struct mm_struct *mm = mm_alloc();
	unsigned long a, f;

	ASSERT_NOT_NULL(test, mm);
	a = vm_mmap(mm, NULL, 0, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	EXPECT_FALSE(test, IS_ERR_VALUE(a));
	EXPECT_NULL(test, get_user_page_force(mm, a));
	if (inode) {
		f = vm_mmap(mm, inode, 0, PAGE_SIZE, PROT_NONE, MAP_PRIVATE, 0);
		EXPECT_FALSE(test, IS_ERR_VALUE(f));
		EXPECT_NULL(test, get_user_page_force(mm, f));
	}
	EXPECT_EQ(test, get_mm_rss(mm), 0);
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon);
	mmput(mm);
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon);
}

/*
 * fork's copy_page_range shares a file page (one more reference,
 * mapping and MM_FILEPAGES in the child); each exit drops its own.
 */
static void test_file_mapping_fork(struct ktest *test)
{
	struct inode *inode = hello_inode();
	struct mm_struct *mm, *child;
	struct vm_area_struct *vma, *copy;
	struct page_users was;
	unsigned long addr;
	struct page *fp;

	if (!inode)
		KTEST_SKIP(test, NO_INITRAMFS);
	mm = mm_alloc();
	child = mm_alloc();
	ASSERT_NOT_NULL(test, mm);
	ASSERT_NOT_NULL(test, child);
	fp = ramfs_get_page(inode, 0);
	was = users_of(fp);
	addr = vm_mmap(mm, inode, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0);
	ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	EXPECT_EQ(test, user_fault(mm, addr, false), 0);
	vma = find_vma(mm, addr);
	copy = vm_area_alloc(child);
	ASSERT_NOT_NULL(test, copy);
	*copy = *vma;
	mutex_lock(&child->mmap_lock);
	EXPECT_EQ(test, insert_vm_struct(child, copy), 0);
	EXPECT_EQ(test, copy_page_range(child, mm, vma), 0);
	mutex_unlock(&child->mmap_lock);
	EXPECT_PTR_EQ(test, follow_page(child, addr), fp);
	EXPECT_EQ(test, get_mm_counter(child, MM_FILEPAGES), 1);
	EXPECT_EQ(test, get_mm_counter(child, MM_ANONPAGES), 0);
	EXPECT_USERS(test, fp, was, 2, 2);
	mmput(child);
	EXPECT_USERS(test, fp, was, 1, 1);
	mmput(mm);
	EXPECT_USERS(test, fp, was, 0, 0);
}

struct exec_probe {
	struct elf_info info;
	struct inode *inode;
	int file_vmas, bad_pgoff, bss_dirty, bss_shared;
};

static ssize_t ramfs_elf_read(void *ctx, void *buf, size_t len, u64 pos)
{
	return ramfs_read(ctx, buf, len, (loff_t)pos);
}

/* Looks at its own new image, then exits without running it. */
static int exec_probe_thread(void *arg)
{
	static const char *const argv[] = { HELLO, NULL }, *const envp[] = { NULL };
	struct exec_probe *pr = arg;
	const struct elf_load *l;
	struct vm_area_struct *vma;
	unsigned long end;
	struct page *page;
	int i;
	u8 *v;

	if (kernel_execve(HELLO, argv, envp))
		return 1;
	for (i = 0; i < pr->info.nr_loads; i++) {
		l = &pr->info.load[i];
		vma = find_vma(current->mm, l->vaddr);
		if (vma && vma->vm_file == pr->inode)
			pr->file_vmas++;
		if (vma && vma->vm_pgoff != l->offset >> PAGE_SHIFT)
			pr->bad_pgoff++;
		end = l->vaddr + l->filesz;
		if (l->memsz == l->filesz || !offset_in_page(end))
			continue;
		/* The bss in the last file page: zero, and a private copy. */
		page = follow_page(current->mm, end & PAGE_MASK);
		if (!page || page == ramfs_get_page(pr->inode, (l->offset + l->filesz) >> PAGE_SHIFT)) {
			pr->bss_shared++;
			continue;
		}
		v = kmap_atomic(page);
		while (offset_in_page(end))
			pr->bss_dirty += v[offset_in_page(end++)] != 0;
		kunmap_atomic(v);
	}
	return 0;
}

/*
 * execve maps each PT_LOAD segment from the file (vm_file, vm_pgoff as
 * Linux's elf_map), and the bss sharing a page with the file's last
 * bytes reads as zero from a private copy of that page (padzero).
 */
static void test_exec_maps_the_file(struct ktest *test)
{
	struct exec_probe pr = { .inode = hello_inode() };
	struct task_struct *p;
	int status, pid;

	if (!pr.inode)
		KTEST_SKIP(test, NO_INITRAMFS);
	ASSERT_EQ(test, elf_check_exec(HELLO, ramfs_elf_read, pr.inode,
				       pr.inode->i_size, &pr.info), 0);
	p = kthread_create(exec_probe_thread, &pr, "probe");
	ASSERT_NOT_NULL(test, p);
	p->exit_signal = SIGCHLD;
	pid = p->pid;			/* p is freed once reaped */
	wake_up_process(p);
	EXPECT_EQ(test, kernel_wait4(pid, &status, 0), pid);
	EXPECT_EQ(test, status, 0);
	EXPECT_EQ(test, pr.file_vmas, pr.info.nr_loads);
	EXPECT_EQ(test, pr.bad_pgoff, 0);
	EXPECT_EQ(test, pr.bss_shared, 0);
	EXPECT_EQ(test, pr.bss_dirty, 0);
}

/* meminfo's AnonPages line, in kB; -1 if it is missing. */
static long meminfo_anon_kb(void)
{
	static char buf[1024];
	const char *s;
	long kb = 0;

	monitor_capture_quiet(buf, sizeof(buf));
	monitor_exec("meminfo");
	monitor_capture(NULL, 0);
	s = strstr(buf, "AnonPages:");
	if (!s)
		return -1;
	for (s += 10; *s == ' '; s++)
		;
	while (*s >= '0' && *s <= '9')
		kb = kb * 10 + *s++ - '0';
	return kb;
}

/*
 * AnonPages counts mapped anonymous pages: it says what nr_anon_mapped
 * says, and after a program has run (stack, data, heap written) and
 * exited it is exactly where it was.
 */
static void test_anon_pages_after_exit(struct ktest *test)
{
	static char out[256];
	const char *argv[] = { HELLO, NULL };
	long before = meminfo_anon_kb();
	int status = -1;

	if (!hello_inode())
		KTEST_SKIP(test, NO_INITRAMFS);
	EXPECT_EQ(test, before, (long)atomic_read(&nr_anon_mapped) << 2);
	monitor_capture_quiet(out, sizeof(out));
	EXPECT_GT(test, run_program(HELLO, argv, &status), 1);
	monitor_capture(NULL, 0);
	EXPECT_EQ(test, status, 0);
	EXPECT_EQ(test, meminfo_anon_kb(), before);
}

KTEST_SUITE(mmap,
	    KTEST_CASE(test_layout),
	    KTEST_CASE(test_many_mappings),
	    KTEST_CASE(test_brk),
	    KTEST_CASE(test_maps),
	    KTEST_CASE(test_file_private_mapping),
	    KTEST_CASE(test_force_into_prot_none),
	    KTEST_CASE(test_file_mapping_fork),
	    KTEST_CASE(test_exec_maps_the_file),
	    KTEST_CASE(test_anon_pages_after_exit));
