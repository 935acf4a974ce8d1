"""mm-vmallocinfo: the vmalloc space's busy areas, as /proc/vmallocinfo."""
import gdb
import kutils
from buddy import TextCommand

VM_IOREMAP, VM_ALLOC, VM_MAP = 1, 2, 4		# include/linux/vmalloc.h


def vmap_areas():
    va_t = gdb.lookup_type("struct vmap_area")
    return kutils.list_for_each_entry(kutils.sym("vmap_area_list"), va_t, "list")


def vmallocinfo_text():
    out = []
    for va in vmap_areas():
        v = va["vm"]
        if not int(v):
            continue
        line = "0x%08x-0x%08x %7d %s" % (int(va["va_start"]), int(va["va_end"]),
                                         int(v["size"]),
                                         kutils.symbol_name(int(v["caller"])))
        flags = int(v["flags"])
        if int(v["nr_pages"]):
            line += " pages=%d" % int(v["nr_pages"])
        if flags & VM_IOREMAP:
            line += " phys=0x%016x ioremap" % int(v["phys_addr"])
        if flags & VM_ALLOC:
            line += " vmalloc"
        if flags & VM_MAP:
            line += " vmap"
        out.append(line + "\n")
    return "".join(out)


class MmVmallocinfo(TextCommand):
    """The vmalloc, vmap and ioremap areas (guard page included), size,
caller and kind, as /proc/vmallocinfo."""


MmVmallocinfo("mm-vmallocinfo", vmallocinfo_text)
