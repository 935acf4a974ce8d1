"""mm-slabinfo: the slab caches, as the monitor's slabinfo (/proc/slabinfo)."""
import gdb
import kutils
from ptwalk import PAGE_OFFSET
from buddy import TextCommand

HEADER = ("slabinfo - version: 2.1\n"
          "# name            <active_objs> <num_objs> <objsize> <objperslab> "
          "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
          "slabdata <active_slabs> <num_slabs> <sharedavail> : overhead <bytes>\n")


def slab_caches():
    cache_t = gdb.lookup_type("struct kmem_cache")
    return kutils.list_for_each_entry(kutils.sym("slab_caches"), cache_t, "list")


def cpu_freelist(s):
    """(objects on the CPU freelist, corrupt?).  Its pointers are stored
    as ptr ^ s->random ^ (the address they are stored at) (mm/slub.c).  As
    the kernel's page command (mm/debug.c slab_in_use) the walk stops at a
    pointer that is no object of the slab (check_valid_pointer) or after
    more steps than the slab has objects."""
    n, obj = 0, int(s["cpu_slab"]["freelist"])
    rand, off = int(s["random"]), int(s["offset"])
    page = s["cpu_slab"]["page"]
    limit, size = int(page["objects"]), int(s["size"])
    base = (int(page) - int(kutils.sym("mem_map"))) // page.type.target().sizeof
    base = (base << kutils.PAGE_SHIFT) + PAGE_OFFSET + int(s["red_left_pad"])
    while obj:
        rel = obj - base
        if n == limit or rel < 0 or rel >= limit * size or rel % size:
            return n, True
        n += 1
        at = obj + off
        obj = kutils.read_ulongs(at, 1)[0] ^ rand ^ at
    return n, False


def cpu_freelist_length(s):
    return cpu_freelist(s)[0]


def objects_in_use(s):
    """kmem_cache_objects_in_use: partial and full slabs, plus the CPU's."""
    page_t = gdb.lookup_type("struct page")
    node = s["node"]
    n = sum(int(p["inuse"]) for lst in ("partial", "full")
            for p in kutils.list_for_each_entry(node[lst], page_t, "slab_list"))
    page = s["cpu_slab"]["page"]
    if int(page):
        n += int(page["objects"]) - cpu_freelist_length(s)
    return n


def slabinfo_text():
    out = [HEADER]
    for s in slab_caches():
        active = objects_in_use(s)
        slabs = int(s["node"]["nr_slabs"])
        order = int(s["order"])
        overhead = slabs * (kutils.PAGE_SIZE << order) - active * int(s["object_size"])
        out.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : "
                   "slabdata %6d %6d %6d : overhead %8d\n" % (
                       s["name"].string(), active, int(s["node"]["total_objects"]),
                       int(s["size"]), int(s["objects"]), 1 << order, 0, 0, 0,
                       slabs, slabs, 0, overhead))
    return "".join(out)


class MmSlabinfo(TextCommand):
    """The slab caches with their object and slab counts, as /proc/slabinfo
(the last column: bytes of the slabs beyond the objects in use)."""


MmSlabinfo("mm-slabinfo", slabinfo_text)
