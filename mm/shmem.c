/*
 * Shared anonymous memory (Linux: mm/shmem.c's shmem_zero_setup,
 * shmem_fault and shmem_get_folio, without tmpfs around them).  See
 * include/linux/shmem_fs.h for the model.
 *
 * An object's pages sit in a two-level table indexed by page offset,
 * as Linux's page cache sits in an xarray:
 *
 *   dir[index / SHMEM_PER_LEAF] -> leaf[index % SHMEM_PER_LEAF] -> page
 *
 * dir has a slot per SHMEM_PER_LEAF pages of i_size and is allocated
 * with the object (3 KiB for 3 GiB); a leaf is one page of pointers,
 * made by the first fault in its range, so a large mapping touched
 * sparsely costs little.  Pages and leaves are allocated outside the
 * lock and installed under it; when two processes fault the same
 * index at once, the loser frees its copy and maps the winner's.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define SHMEM_PER_LEAF	(PAGE_SIZE / sizeof(struct page *))

atomic_t nr_shmem;

/* Linux: struct shmem_inode_info, with the VFS inode inside. */
struct shmem_inode_info {
	struct inode vfs_inode;
	atomic_t users;			/* VMAs naming it */
	spinlock_t lock;		/* dir, the leaves, nr_pages */
	unsigned long nr_pages;		/* pages held (Linux: alloced) */
	unsigned long nr_leaves;	/* slots of dir */
	struct page ***dir;
};

static struct shmem_inode_info *SHMEM_I(struct inode *inode)
{
	return container_of(inode, struct shmem_inode_info, vfs_inode);
}

/* The next inode number, wrapping inside the range (Linux: get_next_ino). */
static unsigned long shmem_next_ino(void)
{
	static atomic_t last;

	return SHMEM_INO_FIRST + ((unsigned long)atomic_inc_return(&last) %
				  (PROC_DYNAMIC_FIRST - SHMEM_INO_FIRST));
}

/* A new object of size bytes, one user; NULL if memory runs out. */
static struct inode *shmem_new_object(loff_t size)
{
	struct shmem_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);
	unsigned long pages = PFN_UP(size);
	struct inode *inode;

	if (!info)
		return NULL;
	info->nr_leaves = DIV_ROUND_UP(pages, SHMEM_PER_LEAF);
	info->dir = kcalloc(info->nr_leaves, sizeof(*info->dir), GFP_KERNEL);
	if (!info->dir) {
		kfree(info);
		return NULL;
	}
	atomic_set(&info->users, 1);
	spin_lock_init(&info->lock);
	inode = &info->vfs_inode;
	inode->i_mode = S_IFREG | 0777;		/* as Linux's /dev/zero object */
	inode->i_ino = shmem_next_ino();
	inode->i_size = size;
	/* What print_vma_addr shows: kbasename("/dev/zero (deleted)"). */
	inode->i_name = "zero (deleted)";
	inode->i_parent = inode;
	INIT_LIST_HEAD(&inode->i_child);
	INIT_LIST_HEAD(&inode->i_subdirs);
	return inode;
}

/* The last user went: every page and leaf goes back (shmem_evict_inode). */
static void shmem_evict_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	unsigned long l, i;

	for (l = 0; l < info->nr_leaves; l++) {
		if (!info->dir[l])
			continue;
		for (i = 0; i < SHMEM_PER_LEAF; i++) {
			if (!info->dir[l][i])
				continue;
			WARN_ON_ONCE(page_mapcount(info->dir[l][i]) > 0);
			put_page(info->dir[l][i]);
			atomic_dec(&nr_shmem);
		}
		kfree(info->dir[l]);
	}
	kfree(info->dir);
	kfree(info);
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct inode *inode = shmem_new_object(vma->vm_end - vma->vm_start);

	if (!inode)
		return -ENOMEM;
	vma->vm_file = inode;
	vma->vm_pgoff = 0;
	return 0;
}

/* The slot for index, or NULL when its leaf does not exist.  Under lock. */
static struct page **shmem_slot(struct shmem_inode_info *info, pgoff_t index)
{
	struct page **leaf = info->dir[index / SHMEM_PER_LEAF];

	return leaf ? &leaf[index % SHMEM_PER_LEAF] : NULL;
}

struct page *shmem_find_page(struct inode *inode, pgoff_t index)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct page **slot, *page = NULL;
	unsigned long flags;

	if (index >= PFN_UP(inode->i_size))
		return NULL;
	spin_lock_irqsave(&info->lock, flags);
	slot = shmem_slot(info, index);
	if (slot)
		page = *slot;
	spin_unlock_irqrestore(&info->lock, flags);
	return page;
}

/*
 * Installs the new leaf and page (either may be NULL) for index if the
 * slots are still empty; what is not used is left for the caller to
 * free.  Returns the page now at index.
 */
static struct page *shmem_add(struct shmem_inode_info *info, pgoff_t index,
			      struct page ***leaf, struct page **page)
{
	struct page **slot, *found;
	unsigned long flags;

	spin_lock_irqsave(&info->lock, flags);
	if (!info->dir[index / SHMEM_PER_LEAF] && *leaf) {
		info->dir[index / SHMEM_PER_LEAF] = *leaf;
		*leaf = NULL;
	}
	slot = shmem_slot(info, index);
	if (slot && !*slot && *page) {
		*slot = *page;
		*page = NULL;
		info->nr_pages++;
		atomic_inc(&nr_shmem);
	}
	found = slot ? *slot : NULL;
	spin_unlock_irqrestore(&info->lock, flags);
	return found;
}

int shmem_get_page(struct inode *inode, pgoff_t index, struct page **pagep)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct page **leaf = NULL, *page;

	if (index >= PFN_UP(inode->i_size))
		return -EINVAL;
	*pagep = shmem_find_page(inode, index);
	if (*pagep)
		return 0;
	if (!info->dir[index / SHMEM_PER_LEAF])
		leaf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	*pagep = shmem_add(info, index, &leaf, &page);
	kfree(leaf);
	if (page)
		__free_page(page);
	return *pagep ? 0 : -ENOMEM;
}

unsigned long shmem_nr_pages(struct inode *inode)
{
	return SHMEM_I(inode)->nr_pages;
}

int shmem_users(struct inode *inode)
{
	return atomic_read(&SHMEM_I(inode)->users);
}

void vm_file_get(struct inode *file)
{
	if (is_shmem_inode(file))
		atomic_inc(&SHMEM_I(file)->users);
}

void vm_file_put(struct inode *file)
{
	if (!is_shmem_inode(file))
		return;
	if (WARN_ON_ONCE(atomic_read(&SHMEM_I(file)->users) <= 0))
		return;
	if (atomic_dec_and_test(&SHMEM_I(file)->users))
		shmem_evict_inode(file);
}
