"""mm-ptwalk VADDR [CR3|PID]: walk the PAE page tables (PDPT, PMD, PTE)
by hand, as the MMU does, and print each level's entry decoded.

Physical memory is read through the kernel's direct map when it is
lowmem, and through QEMU's monitor (`monitor xp`) otherwise: user PTE
pages live in highmem (HIGHPTE), which has no permanent kernel mapping.
"""
import os
import re
import sys
import gdb
import kutils

PAGE_OFFSET = 0xC0000000		# arch/x86/include/asm/page.h
PID_MAX = 0x8000			# a smaller number is a pid, not a CR3
FRAME_MASK = 0x000FFFFFFFFFF000		# bits 12-51 of a PAE entry
BITS = [(0, "present"), (1, "rw"), (2, "user"), (3, "pwt"), (4, "pcd"),
        (5, "accessed"), (6, "dirty"), (7, "pse"), (8, "global"), (63, "nx")]


def lowmem_end():
    return int(kutils.sym("high_memory")) - PAGE_OFFSET


monitor_reads = 0			# the GDB test checks this path ran


def read_phys_u64(pa):
    """One 8-byte entry at physical address pa."""
    global monitor_reads
    if pa + 8 <= lowmem_end():
        return kutils.read_ulongs(pa + PAGE_OFFSET, 1, 8)[0]
    monitor_reads += 1
    out = gdb.execute("monitor xp /1gx 0x%x" % pa, to_string=True)
    m = re.search(r":\s*0x([0-9a-fA-F]+)", out)
    if not m:
        raise gdb.GdbError("mm-ptwalk: cannot read physical 0x%x through "
                           "QEMU's monitor: %s" % (pa, out.strip()))
    return int(m.group(1), 16)


def decode(entry, bits=BITS):
    names = [n for b, n in bits if entry >> b & 1]
    return "0x%016x frame 0x%09x %s" % (entry, entry & FRAME_MASK,
                                        " ".join(names) or "(not present)")


def pgd_phys(arg):
    """The PDPT's physical address: from CR3, a number, or a pid's mm."""
    if not arg:
        return int(gdb.parse_and_eval("$cr3")) & ~0x1F, "CR3"
    n = kutils.parse_number(arg, "mm-ptwalk")
    if n >= PID_MAX:
        return n & ~0x1F, "CR3 0x%x" % n
    task = kutils.find_task(n)
    if task is None:
        raise gdb.GdbError("mm-ptwalk: no process with pid %d" % n)
    mm = task["mm"] if int(task["mm"]) else task["active_mm"]
    if not int(mm):
        raise gdb.GdbError("mm-ptwalk: pid %d has no mm" % n)
    return int(mm["pgd"]) - PAGE_OFFSET, "pid %d mm->pgd" % n


def walk(vaddr, pdpt):
    """Yields (level, index, entry address, entry) down to the last
    present level; returns the physical address or None."""
    levels = [("PDPT", 30, 3), ("PMD", 21, 511), ("PTE", 12, 511)]
    table = pdpt
    for level, shift, mask in levels:
        index = vaddr >> shift & mask
        at = table + index * 8
        entry = read_phys_u64(at)
        yield level, index, at, entry
        if not entry & 1:
            return
        if level == "PMD" and entry & 0x80:		# a 2 MiB page
            yield "2M", None, None, (entry & FRAME_MASK & ~0x1FFFFF) | (vaddr & 0x1FFFFF)
            return
        table = entry & FRAME_MASK
    yield "4K", None, None, table | (vaddr & 0xFFF)


def svg_option(args):
    """Takes `--svg FILE` out of args and returns FILE (None: no --svg)."""
    if "--svg" not in args:
        return None
    i = args.index("--svg")
    if i + 1 >= len(args):
        raise gdb.GdbError("usage: mm-ptwalk VADDR [CR3|PID] [--svg FILE]")
    path = args[i + 1]
    del args[i:i + 2]
    return path


class MmPtwalk(gdb.Command):
    """mm-ptwalk VADDR [CR3|PID] [--svg FILE]: the PAE walk for VADDR from
CR3 (the running address space, default), a given CR3 (a number of 0x8000
or more) or a process's mm->pgd (a pid).  --svg FILE also draws it, to
FILE and a PNG beside it (scripts/layout/gdb_layout.py)."""

    def __init__(self):
        super().__init__("mm-ptwalk", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = arg.split()
        svg = svg_option(args)
        if not 1 <= len(args) <= 2:
            raise gdb.GdbError("usage: mm-ptwalk VADDR [CR3|PID] [--svg FILE]")
        vaddr = kutils.parse_number(args[0], "mm-ptwalk")
        if vaddr > 0xFFFFFFFF:
            raise gdb.GdbError("mm-ptwalk: 0x%x is not a 32-bit address" % vaddr)
        pdpt, src = pgd_phys(args[1] if len(args) > 1 else "")
        gdb.write("0x%08x: PDPT at phys 0x%x (%s)\n" % (vaddr, pdpt, src))
        steps = list(walk(vaddr, pdpt))
        for level, index, at, entry in steps:
            if index is None:
                gdb.write("  -> phys 0x%x (%s page)\n" % (entry, level))
            else:
                gdb.write("  %-4s [%3d] @0x%09x %s\n" % (level, index, at, decode(entry)))
        if svg:
            here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layout")
            if here not in sys.path:
                sys.path.insert(0, here)
            import gdb_layout
            gdb_layout.ptwalk_svg(svg, vaddr, pdpt, src, steps)


MmPtwalk()
