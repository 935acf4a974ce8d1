/*
 * The booted initramfs (kernel/initramfs.c, kernel/ramfs.c).  Suite
 * "initramfs".  make builds tests/user/hello.c into the archive qemu.sh
 * passes as a module, so /bin/hello must be there, whole: its ELF header
 * puts the section header table at the very end of the file (GNU ld's
 * layout), so the header itself says how big the file must be.  Booted
 * without a module, the tree must be empty and the other cases skip.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/multiboot2.h>
#include <linux/ramfs.h>
#include <linux/string.h>
#include <asm/setup.h>
#include "test_util.h"

#define NO_MODULE	"no initramfs: booted without a module"

/* The fields of an ELF32 header this suite reads (Linux's elf.h names). */
struct elf32_hdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

static struct inode *hello(struct ktest *test)
{
	struct inode *inode;
	int err;

	inode = ramfs_lookup("/bin/hello", &err);
	EXPECT_EQ(test, err, 0);
	return inode;
}

static void test_hello_is_whole(struct ktest *test)
{
	struct elf32_hdr eh;
	struct inode *inode;

	if (!boot_info.nr_modules)
		KTEST_SKIP(test, NO_MODULE);
	inode = hello(test);
	ASSERT_NOT_NULL(test, inode);
	EXPECT_EQ(test, inode->i_mode, S_IFREG | 0755);
	ASSERT_EQ(test, ramfs_read(inode, &eh, sizeof(eh), 0), (long)sizeof(eh));
	EXPECT_EQ(test, memcmp(eh.e_ident, "\177ELF\1\1\1", 7), 0);
	EXPECT_EQ(test, eh.e_type, 2);		/* ET_EXEC */
	EXPECT_EQ(test, eh.e_machine, 3);	/* EM_386 */
	EXPECT_EQ(test, inode->i_size,
		  (loff_t)eh.e_shoff + (loff_t)eh.e_shnum * eh.e_shentsize);
	EXPECT_EQ(test, inode->i_nrpages, DIV_ROUND_UP(inode->i_size, PAGE_SIZE));
}

/* ramfs_read and ramfs_get_page see the same bytes; the tail is zero. */
static void test_pages_match_read(struct ktest *test)
{
	static u8 buf[PAGE_SIZE];
	struct inode *inode;
	unsigned long i, tail;
	struct page *page;
	bool same = true, zero = true;
	ssize_t n = 0;

	if (!boot_info.nr_modules)
		KTEST_SKIP(test, NO_MODULE);
	inode = hello(test);
	ASSERT_NOT_NULL(test, inode);
	for (i = 0; i < inode->i_nrpages; i++) {
		u8 *kaddr;

		page = ramfs_get_page(inode, i);
		ASSERT_NOT_NULL(test, page);
		/* File data is kept out of lowmem when highmem is plenty. */
		if (zone_of(ZONE_HIGHMEM)->managed_pages >= 8 * inode->i_nrpages)
			EXPECT_TRUE(test, PageHighMem(page));
		n = ramfs_read(inode, buf, PAGE_SIZE, (loff_t)i * PAGE_SIZE);
		kaddr = kmap_atomic(page);
		same &= n > 0 && !memcmp(kaddr, buf, n);
		for (tail = n; tail < PAGE_SIZE; tail++)
			zero &= !kaddr[tail];
		kunmap_atomic(kaddr);
	}
	EXPECT_TRUE(test, same);
	EXPECT_TRUE(test, zero);
	EXPECT_EQ(test, (loff_t)(i - 1) * PAGE_SIZE + n, inode->i_size);
	EXPECT_NULL(test, ramfs_get_page(inode, i));
	EXPECT_EQ(test, ramfs_read(inode, buf, 1, inode->i_size), 0);
}

/* free_initrd_mem gave the modules' whole pages to the page allocator. */
static void test_initrd_freed(struct ktest *test)
{
	unsigned long pfn, reserved = 0, pages = 0;
	u32 i;

	if (!boot_info.nr_modules)
		KTEST_SKIP(test, NO_MODULE);
	for (i = 0; i < boot_info.nr_modules; i++) {
		const struct mb2_module *m = &boot_info.modules[i];

		for (pfn = PFN_UP(m->mod_start); pfn < PFN_DOWN(m->mod_end); pfn++) {
			reserved += PageReserved(pfn_to_page(pfn));
			pages++;
		}
	}
	EXPECT_GT(test, pages, 0);
	EXPECT_EQ(test, reserved, 0);
}

static char out[1024];

static void capture(const char *cmd)
{
	monitor_capture(out, sizeof(out));
	monitor_exec(cmd);
	monitor_capture(NULL, 0);
}

static void test_monitor(struct ktest *test)
{
	if (!boot_info.nr_modules)
		KTEST_SKIP(test, NO_MODULE);
	capture("ls /bin");
	EXPECT_NOT_NULL(test, strstr(out, "-rwxr-xr-x "));
	EXPECT_NOT_NULL(test, strstr(out, " hello\n"));
	capture("ls /nope");
	EXPECT_STREQ(test, out, "ls: cannot access '/nope': No such file or directory\n");
	capture("cat /bin");
	EXPECT_STREQ(test, out, "cat: /bin: Is a directory\n");
	capture("cat /bin/hello");
	EXPECT_NOT_NULL(test, strstr(out, "more than cat shows"));
}

/* Booted without a module: nothing but "/". */
static void test_no_initramfs(struct ktest *test)
{
	struct inode *root;
	int err;

	if (boot_info.nr_modules)
		KTEST_SKIP(test, "booted with an initramfs");
	root = ramfs_lookup("/", &err);
	ASSERT_NOT_NULL(test, root);
	EXPECT_NULL(test, ramfs_next_child(root, NULL));
	EXPECT_NULL(test, ramfs_lookup("/bin/hello", &err));
	EXPECT_EQ(test, err, -ENOENT);
}

KTEST_SUITE(initramfs,
	    KTEST_CASE(test_hello_is_whole),
	    KTEST_CASE(test_pages_match_read),
	    KTEST_CASE(test_initrd_freed),
	    KTEST_CASE(test_monitor),
	    KTEST_CASE(test_no_initramfs));
