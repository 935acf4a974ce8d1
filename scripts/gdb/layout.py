"""mm-layout: the kernel's virtual memory layout, as it prints it at boot
(print_kernel_layout in arch/x86/mm/init_32.c), with the user part and
the 8 MiB gap added below."""
import gdb
import kutils
import highmem
from buddy import TextCommand

PAGE_OFFSET = 0xC0000000


def addr(name):
    return int(gdb.parse_and_eval("(unsigned long)%s" % name))


def layout_text():
    fix_start, fix_top = highmem.fixaddr_start(), highmem.FIXADDR_TOP
    pkmap = highmem.pkmap_base()
    vm_start = addr("vmalloc_start")
    vm_end = pkmap - 2 * kutils.PAGE_SIZE
    high = addr("high_memory")
    rows = [("fixmap", fix_start, fix_top, (fix_top - fix_start) >> 10, "kB"),
            ("pkmap", pkmap, pkmap + highmem.LAST_PKMAP * kutils.PAGE_SIZE,
             highmem.LAST_PKMAP * kutils.PAGE_SIZE >> 10, "kB"),
            ("vmalloc", vm_start, vm_end, (vm_end - vm_start) >> 20, "MB"),
            ("lowmem", PAGE_OFFSET, high, (high - PAGE_OFFSET) >> 20, "MB")]
    sections = [(".init", "__init_begin", "__init_end"),
                (".data", "_etext", "_edata"), (".text", "_text", "_etext")]
    rows += [("  " + n, addr(a), addr(b), (addr(b) - addr(a)) >> 10, "kB")
             for n, a, b in sections]
    out = ["virtual kernel memory layout:\n"]
    out += ["    %-8s: 0x%08x - 0x%08x   (%4d %s)\n" % r for r in rows]
    out.append("  (below: the 8 MiB gap 0x%08x - 0x%08x, user space "
               "0x00000000 - 0x%08x)\n" % (high, vm_start, PAGE_OFFSET))
    return "".join(out)


class MmLayout(TextCommand):
    """The kernel's virtual memory layout: fixmap, pkmap, vmalloc, the
direct map (lowmem) and the kernel image's sections."""


MmLayout("mm-layout", layout_text)
