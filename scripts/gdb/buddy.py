"""The page allocator's counters: mm-meminfo, mm-buddyinfo, mm-zoneinfo,
in the formats of the monitor commands (mm/vmstat.c), i.e. of /proc."""
import gdb
import kutils

MAX_ORDER = 11			# include/linux/mmzone.h


def zones():
    """struct zone values of node 0, in zone order (for_each_zone)."""
    node = kutils.sym("contig_page_data")["node_zones"]
    lo, hi = node.type.range()
    return [node[i] for i in range(lo, hi + 1)]


def zone_name(zone):
    return zone["name"].string()


def atomic(name):
    return int(kutils.sym(name)["counter"])


def meminfo_text():
    total = int(kutils.sym("totalram_pages"))
    high_total = int(kutils.sym("totalhigh_pages"))
    free = sum(int(z["free_pages"]) for z in zones())
    high_free = int(zones()[-1]["free_pages"])	# ZONE_HIGHMEM is last
    rows = [("MemTotal", total), ("MemFree", free),
            ("HighTotal", high_total), ("HighFree", high_free),
            ("LowTotal", total - high_total), ("LowFree", free - high_free),
            ("AnonPages", atomic("nr_anon_mapped")),
            ("Shmem", atomic("nr_shmem")),
            ("PageTables", atomic("nr_pagetable_pages"))]
    return "".join("%-15s %8d kB\n" % (k + ":", v << 2) for k, v in rows)


def buddyinfo_text():
    out = []
    for z in zones():
        if not int(z["present_pages"]):
            continue
        counts = "".join("%6d " % int(z["free_area"][o]["nr_free"])
                         for o in range(MAX_ORDER))
        out.append("Node 0, zone %8s %s\n" % (zone_name(z), counts))
    return "".join(out)


def zoneinfo_text():
    out = []
    for z in zones():
        wm = z["_watermark"]
        reserve = z["lowmem_reserve"]
        lo, hi = reserve.type.range()
        pcp = z["pcp"]
        out.append("Node 0, zone %8s\n" % zone_name(z))
        out.append("  pages free     %d\n" % int(z["free_pages"]))
        for i, name in enumerate(("min", "low", "high")):
            out.append("        %-8s %d\n" % (name, int(wm[i])))
        for name in ("spanned", "present", "managed"):
            out.append("        %-8s %d\n" % (name, int(z[name + "_pages"])))
        out.append("        protection: (%s)\n" % ", ".join(
            str(int(reserve[i])) for i in range(lo, hi + 1)))
        out.append("  pagesets\n    cpu: 0\n              count: %d\n"
                   "              high:  %d\n              batch: %d\n" % (
                       int(pcp["count"]), int(pcp["high"]), int(pcp["batch"])))
        out.append("  start_pfn:           %d\n" % int(z["zone_start_pfn"]))
    return "".join(out)


class TextCommand(gdb.Command):
    """A command without arguments that prints what text() returns."""

    def __init__(self, name, text):
        super().__init__(name, gdb.COMMAND_USER)
        self.name, self.text = name, text

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("usage: %s" % self.name)
        gdb.write(self.text())


class MmMeminfo(TextCommand):
    """Memory totals, as /proc/meminfo (the monitor's meminfo)."""


class MmBuddyinfo(TextCommand):
    """Free blocks per order in each zone, as /proc/buddyinfo."""


class MmZoneinfo(TextCommand):
    """Each zone's free pages, watermarks, spans and pcp list, as
/proc/zoneinfo (the monitor's zoneinfo)."""


MmMeminfo("mm-meminfo", meminfo_text)
MmBuddyinfo("mm-buddyinfo", buddyinfo_text)
MmZoneinfo("mm-zoneinfo", zoneinfo_text)
