"""mm-page PFN|ADDR: one struct page decoded and where the frame is, line
for line as the monitor's `page PFN` prints it (mm/debug.c): the
dump_page lines (counts, flags by name), zone and physical address, then
its owner -- a free buddy block or a per-CPU list, reserved, a slab, a
compound block, allocated -- then any pkmap or kmap_atomic slot, page
table of the kernel or of a process, user mapping, direct-map address,
and the monitor's own objects on it.  Everything is read from the
kernel's structures; nothing in the kernel is called."""
import gdb
import kutils
import highmem
import maps
import ptdump
import ptwalk
import slab
import tasks
import vmalloc

PAGE_OFFSET = ptwalk.PAGE_OFFSET
ZONES_PGSHIFT = 30			# include/linux/mm.h
ORDER_PGSHIFT, ORDER_PGMASK = 24, 0xF << 24
MAX_ORDER = 11
PTRS_PER_PGD = 4
PMD_SIZE = 1 << ptdump.PMD_SHIFT
# mm/monitor_objects.c enum mon_kind
MON_PAGES, MON_KMALLOC, MON_VMALLOC, MON_KMAP = 1, 2, 3, 4


def page_flag_names(flags):
    """format_page_flags (mm/page_alloc.c): the kernel's own names."""
    n = int(gdb.parse_and_eval("__NR_PAGEFLAGS"))
    names = kutils.sym("pageflag_names")
    out = [names[b].string() for b in range(n) if flags >> b & 1]
    return "|".join(out + ["zone=%d" % (flags >> ZONES_PGSHIFT)])


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


def pfn_of_page(page):
    size = gdb.lookup_type("struct page").sizeof
    return (int(page.address) - int(kutils.sym("mem_map"))) // size


def has(page, bit):
    """Is PG_<bit> set in page's flags?"""
    return int(page["flags"]) >> int(gdb.parse_and_eval("PG_" + bit)) & 1


def zone_of(page):
    return kutils.sym("contig_page_data")["node_zones"][int(page["flags"]) >> ZONES_PGSHIFT]


def alloc_order(page):
    return (int(page["flags"]) & ORDER_PGMASK) >> ORDER_PGSHIFT


def free_line(pfn, page):
    """page_free_state: a buddy block of order k is aligned to 2^k, so
    try each alignment; else the zone's per-CPU list."""
    for order in range(MAX_ORDER):
        head = page_at(pfn & ~((1 << order) - 1))
        if has(head, "buddy") and int(head["private"]) >= order:
            return "free: in the buddy block of order %d at pfn 0x%x" % (
                int(head["private"]), pfn_of_page(head))
    zone = zone_of(page)
    lru = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    head = int(zone["pcp"]["list"].address)
    node = int(zone["pcp"]["list"]["next"])
    for _ in range(int(zone["pcp"]["count"])):
        if node == head:
            break
        if node - lru == int(page.address):
            return "free: on the per-CPU list of zone %s" % zone["name"].string()
        node = kutils.read_ulongs(node, 1)[0]
    return None


def owner_line(pfn, page):
    """page_owner: who holds the frame, one line."""
    free = free_line(pfn, page)
    if free:
        return free
    ch = int(page["compound_head"])
    head = gdb.Value(ch - 1).cast(page.type.pointer()).dereference() if ch & 1 else page
    if has(page, "reserved"):
        return "reserved: never given to the buddy allocator"
    if has(head, "slab"):
        cache, inuse = head["slab_cache"], int(head["inuse"])
        active = int(cache["cpu_slab"]["page"]) == int(head.address)
        corrupt = False
        if active:		# its free objects are on the CPU's freelist
            free, corrupt = slab.cpu_freelist(cache)
            inuse = int(head["objects"]) - free
        return "slab: cache %s, %d of %d objects in use%s%s" % (
            cache["name"].string(), inuse, int(head["objects"]),
            ", the CPU's active slab" if active else "",
            " (freelist corrupt: counted up to the bad pointer)" if corrupt else "")
    if has(head, "head"):
        return "compound: order %d block, head pfn 0x%x" % (alloc_order(head),
                                                            pfn_of_page(head))
    if int(page["_refcount"]["counter"]) > 0:
        return "allocated: order %d block" % alloc_order(page)
    return "allocated: inside a larger block (not its first page)"


def master_tables():
    return ptdump.Tables(int(kutils.sym("&swapper_pg_dir")) - PAGE_OFFSET)


def kmap_lines(pfn):
    """A pkmap slot (pkmap_count nonzero), then kmap_atomic's fixmap slots
    in the master table."""
    out = []
    counts = kutils.read_ulongs(int(kutils.sym("&pkmap_count[0]")), highmem.LAST_PKMAP)
    table = int(kutils.sym("pkmap_page_table"))
    for i, count in enumerate(counts):
        count = count - (1 << 32) if count >> 31 else count
        if count and highmem.pte_pfn(kutils.read_ulongs(table + 8 * i, 1, 8)[0]) == pfn:
            out.append("kmap: pkmap slot %d at 0x%08x, count %d" % (
                i, highmem.pkmap_base() + (i << kutils.PAGE_SHIFT), count))
    master = master_tables()
    begin, end = highmem.enum("FIX_KMAP_BEGIN"), highmem.enum("FIX_KMAP_END")
    for idx in range(begin, end + 1):
        vaddr = highmem.FIXADDR_TOP - (idx << kutils.PAGE_SHIFT)
        for _, pte in master.ptes(vaddr, vaddr + kutils.PAGE_SIZE):
            if highmem.pte_pfn(pte) == pfn:
                out.append("kmap_atomic: slot %d at 0x%08x" % (idx - begin, vaddr))
    return out


def table_lines(tables, pfn, owner):
    """find_page_table: is pfn one of this PDPT's PMD or PTE pages?"""
    out = []
    for i in range(PTRS_PER_PGD):
        pgd = tables.pdpt[i]
        if not pgd & 1:
            continue
        base = i << ptdump.PGDIR_SHIFT
        if highmem.pte_pfn(pgd) == pfn:
            out.append("page table: PMD page of %s for 0x%08x-0x%08x" % (
                owner, base, base + (1 << ptdump.PGDIR_SHIFT) - 1))
        for j, pmd in enumerate(tables.table(pgd)):
            if pmd & 1 and not pmd & ptdump.PSE and highmem.pte_pfn(pmd) == pfn:
                va = base | j << ptdump.PMD_SHIFT
                out.append("page table: PTE page of %s for 0x%08x-0x%08x" % (
                    owner, va, va + PMD_SIZE - 1))
    return out


def find_vma(mm, addr):
    """The first VMA ending above addr (mm/mmap.c find_vma)."""
    vma = mm["mmap"]
    while int(vma) and int(vma["vm_end"]) <= addr:
        vma = vma["vm_next"]
    return vma if int(vma) else None


def user_lines(task, tables, pfn):
    """find_user_mappings: the user PTEs mapping pfn (there is no reverse
    map), each with its VMA; a held mmap_lock means not searched."""
    mm, pid, comm = task["mm"], int(task["pid"]), task["comm"].string()
    if int(mm["mmap_lock"]["owner"]):
        return ["user: pid %d %s: its mmap_lock is held; not searched" % (pid, comm)]
    out = []
    for addr, pte in tables.ptes(0, PAGE_OFFSET):
        if highmem.pte_pfn(pte) != pfn:
            continue
        vma = find_vma(mm, addr)
        if vma is not None and int(vma["vm_start"]) > addr:
            vma = None		# install_user_page's, no VMA
        flags = int(vma["vm_flags"]) if vma is not None else 0
        cow = flags & maps.VM_WRITE and not flags & maps.VM_MAYSHARE
        access = "rw" if pte & 2 else "ro, copy-on-write" if cow else "ro"
        line = "user: pid %d %s at 0x%08x %s" % (pid, comm, addr, access)
        if vma is not None:
            line += ", in %08x-%08x" % (int(vma["vm_start"]), int(vma["vm_end"]))
        out.append(line)
    return out


def tables_lines(pfn):
    """page_in_tables: swapper_pg_dir, then each process's tables and
    user mappings, in for_each_process order."""
    out = table_lines(master_tables(), pfn, "swapper_pg_dir")
    for task in tasks.for_each_process():
        mm = task["mm"]
        if not int(mm):
            continue
        tables = ptdump.Tables(int(mm["pgd"]) - PAGE_OFFSET)
        out += table_lines(tables, pfn, "pid %d %s" % (int(task["pid"]),
                                                       task["comm"].string()))
        out += user_lines(task, tables, pfn)
    return out


def vmalloc_pfns(addr):
    for va in vmalloc.vmap_areas():
        vm = va["vm"]
        if int(vm) and int(vm["addr"]) == addr:
            size = gdb.lookup_type("struct page").sizeof
            return {(int(vm["pages"][i]) - int(kutils.sym("mem_map"))) // size
                    for i in range(int(vm["nr_pages"]))}
    return set()


def monitor_lines(pfn):
    """monitor_objects_of_pfn: what the monitor's alloc, kmalloc, vmalloc
    and kmap hold on this frame (mm/monitor_objects.c's table)."""
    out = []
    objects = kutils.sym("'monitor_objects.c'::objects")
    for i in range(objects.type.range()[1] + 1):
        o = objects[i]
        kind, key, size = int(o["kind"]), int(o["key"]), int(o["size"])
        if kind == MON_PAGES and 0 <= pfn - key < 1 << size:
            out.append("alloc pfn 0x%x order %d (zone %s)" % (
                key, size, zone_of(page_at(key))["name"].string()))
        elif kind == MON_KMAP and pfn == key:
            out.append("kmap pfn 0x%x at 0x%08x" % (key, size))
        elif kind == MON_KMALLOC and (key - PAGE_OFFSET) >> 12 <= pfn <= \
                (key + size - 1 - PAGE_OFFSET) >> 12 or \
                kind == MON_VMALLOC and pfn in vmalloc_pfns(key):
            out.append("%s 0x%08x (%d bytes)" % (
                "kmalloc" if kind == MON_KMALLOC else "vmalloc", key, size))
    return ["monitor: " + line for line in out]


def page_text(pfn):
    page = page_at(pfn)
    flags = int(page["flags"])
    lines = ["page:%08x refcount:%d mapcount:%d pfn:0x%x" % (
        int(page.address), int(page["_refcount"]["counter"]),
        int(page["_mapcount"]["counter"]) + 1, pfn),
        "flags: 0x%x(%s)" % (flags, page_flag_names(flags)),
        "zone: %s" % zone_of(page)["name"].string(),
        "phys: 0x%x" % (pfn << kutils.PAGE_SHIFT), owner_line(pfn, page)]
    lines += kmap_lines(pfn) + tables_lines(pfn)
    if flags >> ZONES_PGSHIFT != int(gdb.parse_and_eval("ZONE_HIGHMEM")):
        lines.append("lowmem: direct map at 0x%08x" % (PAGE_OFFSET + (pfn << kutils.PAGE_SHIFT)))
    return "".join(line + "\n" for line in lines + monitor_lines(pfn))


class MmPage(gdb.Command):
    """mm-page PFN|ADDR: decode the struct page of a page frame (a number
below 0xc0000000), of a kernel virtual address, or at a struct page
address, as the monitor's `page PFN`: who owns it (a buddy block or
per-CPU list, reserved, a slab, a compound block), a pkmap or kmap_atomic
slot, the page tables it is, the processes mapping it (pid, address,
VMA), its direct-map address, the monitor's objects on it."""

    def __init__(self):
        super().__init__("mm-page", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if len(arg.split()) != 1:
            raise gdb.GdbError("usage: mm-page PFN|ADDR")
        pfn = pfn_of(arg)
        if pfn >= min(int(kutils.sym("max_mapnr")), int(kutils.sym("max_pfn"))):
            raise gdb.GdbError("mm-page: pfn 0x%x is beyond the last page frame "
                               "(max_pfn 0x%x)" % (pfn, int(kutils.sym("max_pfn"))))
        gdb.write(page_text(pfn))


MmPage()
