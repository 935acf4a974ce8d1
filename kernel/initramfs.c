/*
 * The initramfs: every multiboot2 module that is a newc cpio archive is
 * unpacked into the ramfs tree at boot (Linux: init/initramfs.c, which
 * does the same for the initrd the boot loader passed).  Like Linux we
 * take uncompressed "070701" archives, several of them concatenated, and
 * zero padding between and after them.
 *
 * A newc entry is a 110-byte header -- the magic, then 13 fields of 8
 * hex digits -- the name (c_namesize bytes with its NUL), zeros to a
 * 4-byte boundary, the data (c_filesize bytes), zeros to a 4-byte
 * boundary; the entry named "TRAILER!!!" ends an archive.  The module is
 * boot input: every field is checked before it is used, no byte outside
 * the module is read, and the first damage found is reported on one line
 * (what, and at which offset) and ends that archive; what came before it
 * stays unpacked.
 */
#define pr_fmt(fmt) "initramfs: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/multiboot2.h>
#include <linux/ramfs.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/setup.h>

#define CPIO_MAGIC	"070701"
#define CPIO_HDR_SIZE	110
#define CPIO_TRAILER	"TRAILER!!!"

/* The 13 header fields, in order, with the names Linux gives them. */
enum { C_INO, C_MODE, C_UID, C_GID, C_NLINK, C_MTIME, C_FILESIZE, C_MAJ,
       C_MIN, C_RMAJ, C_RMIN, C_NAMESIZE, C_CHKSUM, C_NR_FIELDS };
static const char *const field_names[C_NR_FIELDS] = {
	"c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime",
	"c_filesize", "c_maj", "c_min", "c_rmaj", "c_rmin", "c_namesize",
	"c_chksum",
};

struct unpacker {
	const u8 *buf;
	size_t len;
	size_t pos;		/* start of the next entry */
	const char *name;	/* the module, for the reports */
	u32 f[C_NR_FIELDS];	/* the current entry's header */
	char path[PATH_MAX + 1];	/* "/" + its name */
};

/* Reports damage at offset off; returns -EINVAL for the caller to pass up. */
static __printf(3, 4) int bad(struct unpacker *u, size_t off,
			      const char *fmt, ...)
{
	char what[160];
	va_list args;

	va_start(args, fmt);
	vscnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	pr_err("%s: %s at offset %zu, rest of the archive skipped\n", u->name,
	       what, off);
	return -EINVAL;
}

static int hex_value(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The header at u->pos into u->f. */
static int parse_header(struct unpacker *u)
{
	const u8 *h = u->buf + u->pos;
	int i, j;

	if (u->len - u->pos < CPIO_HDR_SIZE)
		return bad(u, u->pos, "truncated header (%zu of %d bytes)",
			   u->len - u->pos, CPIO_HDR_SIZE);
	if (memcmp(h, CPIO_MAGIC, 6))
		return bad(u, u->pos, "bad magic (not " CPIO_MAGIC ")");
	for (i = 0; i < C_NR_FIELDS; i++) {
		const u8 *p = h + 6 + 8 * i;

		u->f[i] = 0;
		for (j = 0; j < 8; j++) {
			if (hex_value(p[j]) < 0)
				return bad(u, p - u->buf, "%s is not 8 hex digits",
					   field_names[i]);
			u->f[i] = u->f[i] << 4 | hex_value(p[j]);
		}
	}
	return 0;
}

/* The zero bytes from end up to the next 4-byte boundary must be there. */
static int check_padding(struct unpacker *u, size_t end, const char *after)
{
	size_t i;

	if (ALIGN(end, 4) > u->len)
		return bad(u, end, "padding after the %s past the end", after);
	for (i = end; i < ALIGN(end, 4); i++)
		if (u->buf[i])
			return bad(u, i, "non-zero padding after the %s", after);
	return 0;
}

/* The name at u->pos + 110 must fit and hold exactly one NUL, at its end. */
static int check_name(struct unpacker *u, const char **name)
{
	size_t off = u->pos + CPIO_HDR_SIZE, room = u->len - off;
	u32 size = u->f[C_NAMESIZE];
	const char *s = (const char *)u->buf + off;

	if (size == 0 || size > PATH_MAX)
		return bad(u, u->pos, "c_namesize %u out of range", size);
	if (size > room)
		return bad(u, off, "name of %u bytes past the end", size);
	if (s[size - 1] != '\0' || strlen(s) != size - 1)
		return bad(u, off, "name not ending at its only NUL");
	if (size == 1)
		return bad(u, off, "empty name");
	*name = s;
	return check_padding(u, off + size, "name");
}

/* Mode and size must make sense together; 1 for a type we skip. */
static int check_type(struct unpacker *u, const char *name)
{
	u32 mode = u->f[C_MODE], size = u->f[C_FILESIZE];

	if (mode & ~0177777u)
		return bad(u, u->pos, "absurd c_mode %o", mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		return 0;
	case S_IFDIR:
		if (size)
			return bad(u, u->pos, "directory \"%s\" with %u bytes of data",
				   name, size);
		return 0;
	case S_IFLNK:
		if (!size || size >= PATH_MAX)
			return bad(u, u->pos, "symlink \"%s\" with a target of %u bytes",
				   name, size);
		return 0;
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		pr_warn("%s: \"%s\" (mode %o) skipped: only directories, files and symlinks\n",
			u->name, name, mode);
		return 1;
	}
	return bad(u, u->pos, "c_mode %o is no file type", mode);
}

/* "/" + name without its leading "./" and slashes; false for "." itself. */
static bool make_path(struct unpacker *u, const char *name)
{
	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	if (!name[0] || !strcmp(name, "."))
		return false;
	u->path[0] = '/';
	strlcpy(u->path + 1, name, sizeof(u->path) - 1);
	return true;
}

/* One entry at u->pos; *trailer is set when it ends the archive. */
static int unpack_entry(struct unpacker *u, bool *trailer)
{
	size_t data, end;
	const char *name = NULL;
	const u8 *target;
	int err, skip;

	err = parse_header(u) ?: check_name(u, &name);
	if (err)
		return err;
	data = ALIGN(u->pos + CPIO_HDR_SIZE + u->f[C_NAMESIZE], 4);
	if (u->f[C_FILESIZE] > u->len - data)
		return bad(u, u->pos, "c_filesize %u past the end (%zu bytes left)",
			   u->f[C_FILESIZE], u->len - data);
	end = data + u->f[C_FILESIZE];
	if (!strcmp(name, CPIO_TRAILER)) {
		*trailer = true;
		u->pos = data;
		return 0;
	}
	skip = check_type(u, name);
	if (skip < 0)
		return skip;
	err = check_padding(u, end, "data");
	if (err)
		return err;
	target = u->buf + data;
	if (S_ISLNK(u->f[C_MODE]) &&
	    strnlen((const char *)target, u->f[C_FILESIZE]) != u->f[C_FILESIZE])
		return bad(u, data, "symlink \"%s\" with a NUL in its target", name);
	if (!skip && make_path(u, name)) {
		err = ramfs_create(u->path, u->f[C_MODE], u->f[C_MTIME], target,
				   u->f[C_FILESIZE]);
		if (err == -EEXIST)
			return bad(u, u->pos, "duplicate name \"%s\"", name);
		if (err)
			return bad(u, u->pos, "cannot create \"%s\" (error %d)",
				   name, err);
	}
	u->pos = ALIGN(end, 4);
	return 0;
}

/*
 * Unpacks the archive(s) in buf[0..len): 0 when every archive ended with
 * its trailer, -EINVAL after the one-line report of the first damage.
 */
int unpack_to_rootfs(const u8 *buf, size_t len, const char *name)
{
	static struct unpacker u;	/* a 4 KiB path: not on the stack */
	bool trailer = false;
	int err;

	u.buf = buf;
	u.len = len;
	u.pos = 0;
	u.name = name;
	for (;;) {
		if (trailer) {
			/* Zeros may pad an archive; another may follow. */
			while (u.pos < len && !buf[u.pos])
				u.pos++;
			if (u.pos == len)
				return 0;
			if (u.pos & 3)
				return bad(&u, u.pos, "archive after TRAILER!!! not 4-byte aligned");
			trailer = false;
		}
		if (u.pos == len)
			return bad(&u, u.pos, "end of data before " CPIO_TRAILER);
		err = unpack_entry(&u, &trailer);
		if (err)
			return err;
	}
}

/* ---- at boot ---- */

/*
 * The module's pages go back to the page allocator (Linux's
 * free_initrd_mem): every file's data was copied into pages of its own,
 * so nothing points into the module any more, and a copy costs only the
 * time to make it while keeping the module would pin its lowmem for the
 * whole uptime.  memblock reserved the module, so its pages are
 * PageReserved and uncounted: __free_pages_core() clears the flag and
 * adds them to the zone's managed pages, and totalram_pages follows, as
 * Linux's free_reserved_area() does.  memblock's record (which x86 Linux
 * discards after boot, but we keep for the tests and the monitor) drops
 * the range too, so reserved in memblock still means PageReserved, and
 * memblock's free ranges are the pages the buddy allocator was given.
 * Only pages wholly inside the
 * module are freed (GRUB page-aligns modules, so at most part of the last
 * page stays reserved), never the kernel image or page 0, which a
 * corrupt module address could overlap.
 */
static unsigned long __init free_initrd_mem(phys_addr_t start, phys_addr_t end)
{
	unsigned long pfn, freed = 0;

	for (pfn = PFN_UP(start); pfn < PFN_DOWN(end) && pfn < max_mapnr; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!pfn || (pfn >= PFN_DOWN(__pa(_text)) &&
			     pfn < PFN_UP(__pa(_end))) || !PageReserved(page))
			continue;
		memblock_phys_free(PFN_PHYS(pfn), PAGE_SIZE);
		__free_pages_core(page, 0);
		totalram_pages++;
		if (PageHighMem(page))
			totalhigh_pages++;
		freed++;
	}
	return freed;
}

static void __init unpack_module(const struct mb2_module *m)
{
	phys_addr_t start = m->mod_start, end = m->mod_end;
	const char *name = m->string[0] ? m->string : "(unnamed module)";
	const u8 *buf;

	if (end > PFN_PHYS(max_low_pfn)) {
		pr_warn("%s: [%#llx-%#llx) is not in lowmem, ignored\n", name,
			(unsigned long long)start, (unsigned long long)end);
		return;
	}
	buf = __va(start);
	if (end - start >= 2 && buf[0] == 0x1f && buf[1] == 0x8b)
		pr_warn("%s: gzip-compressed, only uncompressed cpio is supported; ignored\n",
			name);
	else if (end - start < 6 || memcmp(buf, CPIO_MAGIC, 6))
		pr_warn("%s: not a newc cpio archive (no " CPIO_MAGIC " magic), ignored\n",
			name);
	else
		unpack_to_rootfs(buf, end - start, name);
}

void __init populate_rootfs(void)
{
	struct ramfs_stats st;
	unsigned long freed = 0;
	u32 i;

	if (!boot_info.nr_modules) {
		printk(KERN_INFO "No initramfs: the boot loader passed no module\n");
		return;
	}
	printk(KERN_INFO "Unpacking initramfs...\n");
	for (i = 0; i < boot_info.nr_modules; i++)
		unpack_module(&boot_info.modules[i]);
	ramfs_get_stats(&st);
	pr_info("%lu inodes, %luK of file data\n", st.inodes,
		st.data_pages << (PAGE_SHIFT - 10));
	/* Only now: modules may overlap if the boot information lies. */
	for (i = 0; i < boot_info.nr_modules; i++)
		freed += free_initrd_mem(boot_info.modules[i].mod_start,
					 boot_info.modules[i].mod_end);
	printk(KERN_INFO "Freeing initrd memory: %luK\n",
	       freed << (PAGE_SHIFT - 10));
	/* More managed lowmem: min_free_kbytes and the watermarks follow. */
	if (freed)
		setup_per_zone_wmarks();
}
