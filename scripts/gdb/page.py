"""mm-page PFN|ADDR: one struct page decoded -- flags by name, counts,
zone -- and where the page is: free in the buddy allocator (with the
block's order), a slab of some cache, kmap'ed in a pkmap slot, mapped in
user space (which process, address and VMA)."""
import gdb
import kutils
import highmem
import maps
import ptdump
import ptwalk
import slab
import tasks

PAGE_OFFSET = ptwalk.PAGE_OFFSET
ZONES_PGSHIFT = 30			# include/linux/mm.h
MAX_ORDER = 11


def page_flag_names(flags):
    """The PG_* bits set, by their enum pageflags names."""
    enum = gdb.lookup_type("enum pageflags")
    return [f.name[3:] for f in enum.fields()
            if f.name.startswith("PG_") and flags >> f.enumval & 1]


def pfn_of(arg):
    """A pfn, or an address: a struct page in mem_map, the direct map, or
    any other kernel address the page tables map."""
    n = kutils.parse_number(arg, "mm-page")
    mem_map = int(kutils.sym("mem_map"))
    size = gdb.lookup_type("struct page").sizeof
    max_mapnr = int(kutils.sym("max_mapnr"))
    if n < PAGE_OFFSET:
        return n
    if mem_map <= n < mem_map + max_mapnr * size:
        return (n - mem_map) // size
    if n < int(kutils.sym("high_memory")):
        return (n - PAGE_OFFSET) >> kutils.PAGE_SHIFT
    pte = highmem.kernel_pte(n & ~0xFFF)
    if pte is None:
        raise gdb.GdbError("mm-page: 0x%08x is not mapped in the kernel" % n)
    return highmem.pte_pfn(pte)


def page_at(pfn):
    return kutils.sym("mem_map")[pfn]


def buddy_block(pfn):
    """(head pfn, order) of the free block holding pfn, or None."""
    for order in range(MAX_ORDER):
        head = pfn & ~((1 << order) - 1)
        page = page_at(head)
        if "buddy" in page_flag_names(int(page["flags"])) and int(page["private"]) >= order:
            if head + (1 << int(page["private"])) > pfn:
                return head, int(page["private"])
    return None


def pkmap_slot(pfn):
    counts = kutils.read_ulongs(int(kutils.sym("&pkmap_count[0]")), highmem.LAST_PKMAP)
    table = int(kutils.sym("pkmap_page_table"))
    for i, count in enumerate(counts):
        if count and highmem.pte_pfn(kutils.read_ulongs(table + 8 * i, 1, 8)[0]) == pfn:
            return i, count
    return None


def user_mappings(pfn):
    """(task, mm, addr, pte, vma) of every user PTE mapping pfn.  The
    kernel keeps no reverse map (only the count, _mapcount), so each
    address space's VMAs are walked through its own page tables."""
    seen = set()
    for task in tasks.for_each_process():
        mm = task["mm"]
        if not int(mm) or int(task["flags"]) & tasks.PF_KTHREAD or int(mm) in seen:
            continue
        seen.add(int(mm))
        tables = ptdump.Tables(int(mm["pgd"]) - PAGE_OFFSET)
        for vma in maps.vmas(mm):
            for addr, pte in tables.ptes(int(vma["vm_start"]), int(vma["vm_end"])):
                if highmem.pte_pfn(pte) == pfn:
                    yield task, mm, addr, pte, vma


def is_zero_page(pfn):
    """mm/memory.c's zero_page: mapped for reads of untouched anonymous
    memory, and left out of _mapcount."""
    try:
        page = int(kutils.sym("'memory.c'::zero_page"))
    except gdb.error:
        return False
    size = gdb.lookup_type("struct page").sizeof
    return page and (page - int(kutils.sym("mem_map"))) // size == pfn


def where(pfn, page, names):
    """The lines saying who owns the page."""
    out = []
    block = buddy_block(pfn)
    if block:
        out.append("free: in the buddy block of order %d at pfn 0x%x" % (block[1], block[0]))
    if "head" in names or "slab" in names:
        head = page
    elif int(page["compound_head"]) & 1:
        head = gdb.Value(int(page["compound_head"]) - 1).cast(page.type.pointer()).dereference()
    else:
        head = None
    if head is not None and "slab" in page_flag_names(int(head["flags"])):
        cache, inuse = head["slab_cache"], int(head["inuse"])
        active = int(cache["cpu_slab"]["page"]) == int(head.address)
        if active:		# its free objects are on the CPU's freelist
            inuse = int(head["objects"]) - slab.cpu_freelist_length(cache)
        out.append("slab: cache %s, %d of %d objects in use%s" % (
            cache["name"].string(), inuse, int(head["objects"]),
            ", the CPU's active slab" if active else ""))
    slot = pkmap_slot(pfn)
    if slot:
        out.append("kmap: pkmap slot %d at 0x%08x, count %d" % (
            slot[0], highmem.pkmap_base() + (slot[0] << kutils.PAGE_SHIFT), slot[1]))
    if is_zero_page(pfn):
        out.append("zero page: mapped read-only for reads of untouched "
                   "anonymous memory (not counted in _mapcount)")
    for task, mm, addr, pte, vma in user_mappings(pfn):
        flags = int(vma["vm_flags"])
        cow = flags & maps.VM_WRITE and not flags & maps.VM_MAYSHARE
        access = "rw" if pte & 2 else "ro, copy-on-write" if cow else "ro"
        out.append("user: pid %d %s at 0x%08x %s, in %s" % (
            int(task["pid"]), task["comm"].string(), addr, access,
            maps.vma_line(mm, vma).rstrip("\n")))
    if pfn < int(kutils.sym("max_low_pfn")):
        out.append("lowmem: direct map at 0x%08x" % (PAGE_OFFSET + (pfn << kutils.PAGE_SHIFT)))
    return out


class MmPage(gdb.Command):
    """mm-page PFN|ADDR: decode the struct page of a page frame (a number
below 0xc0000000), of a kernel virtual address, or at a struct page
address, and say who owns it: the buddy allocator, a slab cache, a pkmap
slot, the direct map, the processes mapping it (pid, address, VMA)."""

    def __init__(self):
        super().__init__("mm-page", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if len(arg.split()) != 1:
            raise gdb.GdbError("usage: mm-page PFN|ADDR")
        pfn = pfn_of(arg)
        if pfn >= min(int(kutils.sym("max_mapnr")), int(kutils.sym("max_pfn"))):
            raise gdb.GdbError("mm-page: pfn 0x%x is beyond the last page frame "
                               "(max_pfn 0x%x)" % (pfn, int(kutils.sym("max_pfn"))))
        page = page_at(pfn)
        flags = int(page["flags"])
        names = page_flag_names(flags)
        zone = kutils.sym("contig_page_data")["node_zones"][flags >> ZONES_PGSHIFT]
        gdb.write("pfn 0x%x phys 0x%x (struct page *)0x%08x zone %s\n" % (
            pfn, pfn << kutils.PAGE_SHIFT, int(page.address), zone["name"].string()))
        gdb.write("flags 0x%08x %s\n" % (flags, "|".join(names) or "(none)"))
        gdb.write("_refcount %d _mapcount %d private 0x%x\n" % (
            int(page["_refcount"]["counter"]), int(page["_mapcount"]["counter"]),
            int(page["private"])))
        for line in where(pfn, page, names) or ["in use (no owner recorded)"]:
            gdb.write(line + "\n")


MmPage()
