"""mm-ptdump [PID]: page tables as runs of pages with equal attributes,
as the monitor's `ptdump [PID]` prints them (arch/x86/mm/dump_pagetables.c):
the kernel's gigabyte of the master table, or all 4 GiB of a process's
own PDPT.  Also the table reader and user-PTE walk mm-page uses to find
where a page is mapped in user space.
"""
import gdb
import kutils
import highmem
import maps
import ptwalk

PAGE_OFFSET = ptwalk.PAGE_OFFSET
PTRS = 512				# entries in a PMD or PTE page (PAE)
PMD_SHIFT, PGDIR_SHIFT = 21, 30
PSE = 0x80
# arch/x86/mm/dump_pagetables.c PTE_FLAGS_MASK: present, rw, user, pwt,
# pcd, global, nx (accessed, dirty and the frame left out)
FLAGS_MASK = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x100 | 1 << 63
USER, RW, PWT, PCD, GLOBAL, NX = 0x4, 0x2, 0x8, 0x10, 0x100, 1 << 63

monitor_tables = 0			# tables read through QEMU's monitor


def read_table(pa):
    """The 512 entries of the page table at physical address pa: through
    the direct map if lowmem, else one `monitor xp` of the whole page."""
    global monitor_tables
    if pa + kutils.PAGE_SIZE <= ptwalk.lowmem_end():
        return kutils.read_ulongs(pa + PAGE_OFFSET, PTRS, 8)
    monitor_tables += 1
    out = gdb.execute("monitor xp /%dgx 0x%x" % (PTRS, pa), to_string=True)
    words = [w for line in out.splitlines() if ":" in line
             for w in line.split(":", 1)[1].split()]
    if len(words) != PTRS:
        raise gdb.GdbError("cannot read the page table at physical 0x%x "
                           "through QEMU's monitor: %s" % (pa, out.strip()[:80]))
    return [int(w, 16) for w in words]


class Tables:
    """One PDPT's tables, each read once."""

    def __init__(self, pdpt_pa):
        self.pdpt = kutils.read_ulongs(pdpt_pa + PAGE_OFFSET, 4, 8)
        self.cache = {}

    def table(self, entry):
        pa = entry & ptwalk.FRAME_MASK
        if pa not in self.cache:
            self.cache[pa] = read_table(pa)
        return self.cache[pa]

    def pmd(self, addr):
        """The PMD entry for addr (0 if its PDPT entry is not present)."""
        pgd = self.pdpt[addr >> PGDIR_SHIFT]
        return self.table(pgd)[addr >> PMD_SHIFT & (PTRS - 1)] if pgd & 1 else 0

    def ptes(self, start, end):
        """(addr, pte) of each present 4 KiB PTE in [start, end)."""
        addr = start
        while addr < end:
            pmd_end = min((addr | ((1 << PMD_SHIFT) - 1)) + 1, end)
            pmd = self.pmd(addr)
            if pmd & 1 and not pmd & PSE:
                table = self.table(pmd)
                for a in range(addr, pmd_end, kutils.PAGE_SIZE):
                    pte = table[a >> 12 & (PTRS - 1)]
                    if pte & 1:
                        yield a, pte
            addr = pmd_end


class Dump:
    """note_page and print_run of dump_pagetables.c: a run ends where the
    flags, the level (4 KiB PTE or 2 MiB PMD) or the area changes."""

    def __init__(self, start, first_marker):
        self.out, self.prot, self.level, self.start = [], 0, 2, start
        self.marker = first_marker
        self.markers = [(0, "User Space"), (PAGE_OFFSET, "Kernel Mapping"),
                        (int(kutils.sym("(unsigned long)vmalloc_start")), "vmalloc() Area"),
                        (highmem.pkmap_base(), "Persistent kmap() Area"),
                        (highmem.fixaddr_start(), "Fixmap Area")]

    def print_run(self, end):
        size, p = end - self.start, self.prot
        line = "0x%08x-0x%08x " % (self.start, end)
        line += "%9dM" % (size >> 20) if size >= 1 << 20 and not size & 0xFFFFF \
            else "%9dK" % (size >> 10)
        if not p:
            self.out.append(line + " " * 27)
            return
        pse = self.level == 2
        self.out.append(line + "     %s %s %s %s %s %s %s  %s" % (
            "USR" if p & USER else "   ", "RW" if p & RW else "ro",
            "PWT" if p & PWT else "   ", "PCD" if p & PCD else "   ",
            "PSE" if pse else "   ", "GLB" if p & GLOBAL else "   ",
            "NX" if p & NX else "x ", "pmd" if pse else "pte"))

    def note(self, addr, prot, level):
        due = lambda: (self.marker < len(self.markers) and
                       addr >= self.markers[self.marker][0])
        if not prot:
            level = 2
        if prot != self.prot or level != self.level or due():
            if addr > self.start:
                self.print_run(addr)
            while due():
                self.out.append("---[ %s ]---" % self.markers[self.marker][1])
                self.marker += 1
            self.prot, self.level, self.start = prot, level, addr

    def walk(self, tables, first):
        """PDPT entries first..3, to the top of the address space."""
        for i in range(first, 4):
            base = i << PGDIR_SHIFT
            if not tables.pdpt[i] & 1:
                self.note(base, 0, 2)
                continue
            for j, pmd in enumerate(tables.table(tables.pdpt[i])):
                addr = base + (j << PMD_SHIFT)
                if not pmd & 1 or pmd & PSE:
                    self.note(addr, pmd & FLAGS_MASK if pmd & 1 else 0, 2)
                    continue
                for k, pte in enumerate(tables.table(pmd)):
                    self.note(addr + (k << 12), pte & FLAGS_MASK if pte & 1 else 0, 4)
        self.print_run(1 << 32)
        return "".join(line + "\n" for line in self.out)


class MmPtdump(gdb.Command):
    """mm-ptdump [PID]: the kernel's page tables (the master table's top
gigabyte), or all of a process's, as runs of pages with the same
attributes between the layout's area markers (the monitor's ptdump)."""

    def __init__(self):
        super().__init__("mm-ptdump", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = arg.split()
        if len(args) > 1:
            raise gdb.GdbError("usage: mm-ptdump [PID]")
        if args:
            mm = maps.task_or_current(args[0], "mm-ptdump")[1]
            gdb.write(Dump(0, 0).walk(Tables(int(mm["pgd"]) - PAGE_OFFSET), 0))
        else:
            pgd = int(kutils.sym("(unsigned long)swapper_pg_dir")) - PAGE_OFFSET
            gdb.write(Dump(PAGE_OFFSET, 1).walk(Tables(pgd), PAGE_OFFSET >> PGDIR_SHIFT))


MmPtdump()
