/*
 * kmalloc's size classes at every boundary: the last size a class takes
 * and the first it refuses (mm/slab_common.c), shared by the in-kernel
 * suite (tests/kernel/test_kmalloc.c) and the host one
 * (tests/host/test_slab_kmalloc.c).
 */
#ifndef _TESTS_KMALLOC_CLASSES_H
#define _TESTS_KMALLOC_CLASSES_H

#include <linux/types.h>

static const struct kmalloc_class {
	size_t size;
	const char *cache;
	unsigned int object_size;
} kmalloc_classes[] = {
	{ 1, "kmalloc-8", 8 },		{ 8, "kmalloc-8", 8 },
	{ 9, "kmalloc-16", 16 },	{ 16, "kmalloc-16", 16 },
	{ 17, "kmalloc-32", 32 },	{ 32, "kmalloc-32", 32 },
	{ 33, "kmalloc-64", 64 },	{ 64, "kmalloc-64", 64 },
	{ 65, "kmalloc-96", 96 },	{ 96, "kmalloc-96", 96 },
	{ 97, "kmalloc-128", 128 },	{ 128, "kmalloc-128", 128 },
	{ 129, "kmalloc-192", 192 },	{ 192, "kmalloc-192", 192 },
	{ 193, "kmalloc-256", 256 },	{ 256, "kmalloc-256", 256 },
	{ 257, "kmalloc-512", 512 },	{ 512, "kmalloc-512", 512 },
	{ 513, "kmalloc-1k", 1024 },	{ 1024, "kmalloc-1k", 1024 },
	{ 1025, "kmalloc-2k", 2048 },	{ 2048, "kmalloc-2k", 2048 },
	{ 2049, "kmalloc-4k", 4096 },	{ 4096, "kmalloc-4k", 4096 },
	{ 4097, "kmalloc-8k", 8192 },	{ 8192, "kmalloc-8k", 8192 },
};

#endif /* _TESTS_KMALLOC_CLASSES_H */
