"""The layout pictures from a running kernel, in GDB: `mm-draw DIR [PID]`
and the data of `mm-ptwalk ... --svg FILE` (scripts/gdb/ptwalk.py).

mm-draw runs the GDB helpers (lx-dmesg, mm-vmallocinfo, mm-buddyinfo,
mm-zoneinfo, mm-pkmap, mm-fixmap, mm-maps), whose output has the formats
of the boot log and the monitor's commands, and hands it to the log's
parser (fromlog.py), so both front ends read the same text the same way.
What only a debugger can see is added: where each free block is (the
buddy free lists) and what memblock still holds reserved, by name.

Load with `source scripts/layout/gdb_layout.py` after scripts/gdb/mm.py.
"""
import os
import sys

import gdb

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)
import draw		# noqa: E402
import fromlog		# noqa: E402
import kutils		# noqa: E402  (scripts/gdb, on the path once mm.py ran)
import buddy		# noqa: E402
import ptwalk		# noqa: E402

PAGE_OFFSET = fromlog.PAGE_OFFSET


def run(command):
    return gdb.execute(command, to_string=True)


def helper_text(pid):
    """The helpers' output, each under a `mm> ` line as if typed."""
    parts = [run("lx-dmesg")]
    for cmd in ("vmallocinfo", "buddyinfo", "zoneinfo", "pkmap", "fixmap"):
        parts.append("mm> %s\n%s" % (cmd, run("mm-" + cmd)))
    parts.append("mm> maps %d\n%s" % (pid, run("mm-maps %d" % pid)))
    return "".join(parts)


def free_blocks():
    """(pfn, order) of every block on the zones' free lists (page->lru
    sits in a union, which kutils.container_of does not look into)."""
    size = gdb.lookup_type("struct page").sizeof
    lru = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    mem_map = int(kutils.sym("mem_map"))
    out = []
    for zone in buddy.zones():
        for order in range(buddy.MAX_ORDER):
            head = zone["free_area"][order]["free_list"]
            node = head["next"]
            while int(node) != int(head.address):
                out.append(dict(pfn=(int(node) - lru - mem_map) // size, order=order))
                node = node["next"]
    return out


def known_objects():
    """What the kernel reserved at boot, by name: [(name, start, end)]."""
    pa = lambda name: int(gdb.parse_and_eval("(unsigned long)&%s" % name)) - PAGE_OFFSET
    page_size = gdb.lookup_type("struct page").sizeof
    mem_map = int(kutils.sym("mem_map")) - PAGE_OFFSET
    objs = [("page 0 (BIOS data)", 0, 0x1000), ("kernel image", pa("_text"), pa("_end")),
            ("mem_map", mem_map, mem_map + int(kutils.sym("max_mapnr")) * page_size)]
    info = kutils.sym("boot_info")
    for i in range(int(info["nr_modules"])):
        m = info["modules"][i]
        objs.append(("initramfs (module %d)" % i, int(m["mod_start"]), int(m["mod_end"])))
    return objs


def reserved():
    """memblock.reserved as it is now, cut into the known objects; the
    rest is what memblock_alloc gave out (early page tables, ...)."""
    rsv = kutils.sym("memblock")["reserved"]
    out = []
    for i in range(int(rsv["cnt"])):
        r = rsv["regions"][i]
        start = int(r["base"])
        end = start + int(r["size"])
        pos = start
        for name, a, b in sorted(known_objects(), key=lambda o: o[1]):
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            if a > pos:
                out.append(dict(name="memblock_alloc (page tables, ...)", start=pos, end=a))
            out.append(dict(name=name, start=a, end=b))
            pos = b
        if pos < end:
            out.append(dict(name="memblock_alloc (page tables, ...)", start=pos, end=end))
    return out


def walk_data(vaddr, pdpt, source, steps):
    """draw.ptwalk's data from ptwalk.walk's steps."""
    d = dict(vaddr=vaddr, pdpt=pdpt, source=source, steps=[], result=None, page=None)
    for level, index, at, entry in steps:
        if index is None:
            d["result"], d["page"] = entry, level
            continue
        d["steps"].append(dict(level=level, index=index, at=at, table=at - 8 * index,
                               entry=entry, frame=entry & ptwalk.FRAME_MASK,
                               bits=[n for b, n in ptwalk.BITS if entry >> b & 1]))
    return d


def ptwalk_svg(path, vaddr, pdpt, source, steps):
    """mm-ptwalk --svg: the walk drawn to path (.svg) and a .png beside."""
    base = path[:-4] if path.endswith(".svg") else path
    try:
        if os.path.dirname(base):
            os.makedirs(os.path.dirname(base), exist_ok=True)
        draw.ptwalk(walk_data(vaddr, pdpt, source, steps), base)
    except OSError as e:
        raise gdb.GdbError("mm-ptwalk: cannot write %s: %s" % (path, e.strerror))
    gdb.write("mm-ptwalk: wrote %s.svg and %s.png\n" % (base, base))


class MmDraw(gdb.Command):
    """mm-draw DIR [PID]: the virtual layout (with PID's VMAs; default the
running task) and physical memory, as DIR/virtual.{svg,png} and
DIR/physical.{svg,png}."""

    def __init__(self):
        super().__init__("mm-draw", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = arg.split()
        if not 1 <= len(args) <= 2:
            raise gdb.GdbError("usage: mm-draw DIR [PID]")
        pid = int(kutils.sym("current_task")["pid"]) if len(args) == 1 else \
            kutils.parse_number(args[1], "mm-draw")
        if kutils.find_task(pid) is None:
            raise gdb.GdbError("mm-draw: no process with pid %d" % pid)
        try:
            virt, phys = fromlog.parse(helper_text(pid), "the running kernel, through GDB")
        except ValueError as e:
            raise gdb.GdbError("mm-draw: %s" % e)
        phys["free_blocks"], phys["reserved"] = free_blocks(), reserved()
        try:
            os.makedirs(args[0], exist_ok=True)
            draw.virtual(virt, os.path.join(args[0], "virtual"))
            draw.physical(phys, os.path.join(args[0], "physical"))
        except OSError as e:
            raise gdb.GdbError("mm-draw: cannot write in %s: %s" % (args[0], e.strerror))
        gdb.write("mm-draw: wrote %s/{virtual,physical}.{svg,png}\n" % args[0])


MmDraw()


# --- make layout (scripts/layout/layout.gdb) ------------------------------

def layout_mappings():
    """Something live in vmalloc and pkmap, which are empty at the prompt:
    three vmalloc areas with the middle one freed, and one kmapped
    highmem page (2 is __GFP_HIGHMEM)."""
    areas = [int(kutils.kernel_call("vmalloc(%d)" % size)) for size in (0x5000, 0x10000, 0x3000)]
    kutils.kernel_call("vfree((void *)%d)" % areas[1])
    kutils.kernel_call("kmap(alloc_pages(2, 0))")
    global layout_vmalloc
    layout_vmalloc = areas[0]


def draw_all(outdir):
    """mm-draw for the running process, and page-table walks: its stack
    top, the kernel's init_task and a vmalloc address, from its mm->pgd
    (where the vmalloc PMD is not there yet: a vmalloc fault would copy
    it) and from init_mm's (where vmalloc put it)."""
    pid = int(kutils.sym("current_task")["pid"])
    gdb.execute("mm-draw %s %d" % (outdir, pid))
    stack = int(kutils.sym("current_task")["mm"]["start_stack"]) - 4
    init_mm = int(kutils.sym("init_mm")["pgd"]) - PAGE_OFFSET
    task = int(gdb.parse_and_eval("(unsigned long)&init_task"))
    for name, addr, pgd in (("user-stack", stack, pid), ("kernel", task, pid),
                            ("vmalloc", layout_vmalloc + 0x1234, pid),
                            ("vmalloc-init_mm", layout_vmalloc + 0x1234, init_mm)):
        gdb.execute("mm-ptwalk 0x%x %d --svg %s/ptwalk-%s.svg" % (addr, pgd, outdir, name))
