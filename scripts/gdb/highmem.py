"""The kernel's temporary mappings: mm-pkmap (kmap's slots) and mm-fixmap
(the fixmap's slots: kmap_atomic and the boot-time btmap), as the
monitor's pkmap and fixmap commands print them (mm/highmem.c)."""
import gdb
import kutils
import ptwalk
from buddy import TextCommand

LAST_PKMAP = 512			# arch/x86/include/asm/pgtable_32_areas.h
PMD_MASK = ~((1 << 21) - 1) & 0xFFFFFFFF
FIXADDR_TOP = 0xFFFFF000		# arch/x86/include/asm/fixmap.h


def enum(name):
    return int(gdb.parse_and_eval(name))


def fixaddr_start():
    return FIXADDR_TOP - (enum("__end_of_fixed_addresses") << kutils.PAGE_SHIFT)


def pkmap_base():
    return (fixaddr_start() - kutils.PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK


def pte_pfn(pte):
    return (pte & ptwalk.FRAME_MASK) >> kutils.PAGE_SHIFT


def pkmap_text():
    counts = kutils.read_ulongs(int(kutils.sym("&pkmap_count[0]")), LAST_PKMAP)
    table = int(kutils.sym("pkmap_page_table"))
    out, used = ["slot  count  pfn       vaddr\n"], 0
    for i, count in enumerate(counts):
        if not count:
            continue
        used += 1
        pte = kutils.read_ulongs(table + 8 * i, 1, 8)[0]
        count = count - (1 << 32) if count >> 31 else count
        out.append("%4d  %5d  %#8x  %08x\n" % (i, count, pte_pfn(pte),
                                                pkmap_base() + (i << kutils.PAGE_SHIFT)))
    out.append("%d of %d slots in use, last_pkmap_nr %d, %d full flushes\n" % (
        used, LAST_PKMAP, int(kutils.sym("last_pkmap_nr")),
        int(kutils.sym("pkmap_flush_count"))))
    return "".join(out)


def kernel_pte(vaddr):
    """The 4 KiB PTE mapping vaddr in the kernel's tables, or None."""
    pdpt = int(gdb.parse_and_eval("$cr3")) & ~0x1F
    steps = list(ptwalk.walk(vaddr, pdpt))
    level, _, _, entry = steps[-1] if len(steps) < 4 else steps[-2]
    return entry if level == "PTE" and entry & 1 else None


def fixmap_text():
    end = enum("__end_of_fixed_addresses")
    kmap_end, kmap_begin = enum("FIX_KMAP_END"), enum("FIX_KMAP_BEGIN")
    btmap_end = enum("FIX_BTMAP_END")
    out = ["idx   vaddr     pfn       slot\n"]
    for idx in range(1, end):
        vaddr = FIXADDR_TOP - (idx << kutils.PAGE_SHIFT)
        pte = kernel_pte(vaddr)
        if pte is None:
            continue
        kmap = idx <= kmap_end
        out.append("%3d   %08x  %#8x  %s%d\n" % (
            idx, vaddr, pte_pfn(pte), "kmap_atomic " if kmap else "btmap ",
            idx - (kmap_begin if kmap else btmap_end)))
    out.append("fixmap: 0x%08x-0x%08x, %d slots\n" % (fixaddr_start(), FIXADDR_TOP, end))
    return "".join(out)


class MmPkmap(TextCommand):
    """kmap's slots in use: use count, page frame, virtual address."""


class MmFixmap(TextCommand):
    """The fixmap's mapped slots: index, address, page frame, what for."""


MmPkmap("mm-pkmap", pkmap_text)
MmFixmap("mm-fixmap", fixmap_text)
