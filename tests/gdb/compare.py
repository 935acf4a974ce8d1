#!/usr/bin/env python3
"""The GDB helpers against the kernel's own output for the same state.

usage: compare.py SERIAL_LOG GDB_TRANSCRIPT

The serial log holds the monitor commands run.sh typed (`mm> ps`, ...)
and mmdemo's own /proc/self/maps; the transcript the helpers' output
between `==== NAME` lines (tests/gdb/boot.gdb).  Prints one line per
check; exits 1 when any failed.
"""
import re
import sys

# helper: the monitor command whose output it must reproduce exactly
SAME_AS = {"mm-meminfo": "meminfo", "mm-buddyinfo": "buddyinfo",
           "mm-zoneinfo": "zoneinfo", "mm-slabinfo": "slabinfo",
           "mm-vmallocinfo": "vmallocinfo",
           "mm-pkmap": "pkmap", "mm-fixmap": "fixmap"}
PS_EXTRA = re.compile(r"^(.{29}) 0x[0-9a-f]{8} (0x[0-9a-f]{8}) (0x[0-9a-f]{8})( .*)$")


def sections(text, mark):
    """{heading: the lines under it}, headings being the lines that start
    with mark: `mm> ` (a command typed at the monitor) or `==== `."""
    out, head = {}, None
    for line in text.splitlines():
        if line.startswith(mark):
            head = line[len(mark):].strip()
            out[head] = []
        elif head is not None:
            out[head].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def last_child_maps(log):
    blocks = log.split("--- /proc/self/maps of the child ---\n")
    return blocks[-1].split("\n\n")[0] if len(blocks) > 1 else None


class Checker:
    def __init__(self):
        self.failed = 0

    def check(self, ok, what, detail=""):
        print("%s: %s" % ("ok" if ok else "FAIL", what))
        if not ok:
            self.failed += 1
            if detail:
                print(detail)

    def same(self, ours, theirs, what):
        ok = theirs is not None and ours == theirs and ours.strip() != ""
        self.check(ok, what, "--- helper:\n%s\n--- kernel:\n%s" % (ours, theirs))


def check_ps(c, lxps, ps):
    """lx-ps is ps plus the task, mm and active_mm columns."""
    lines = lxps.splitlines()
    stripped = [re.sub(r" TASK +MM +ACTIVE_MM ", "", lines[0])] if lines else []
    mm_ok = True
    for line in lines[1:]:
        m = PS_EXTRA.match(line)
        if not m:
            c.check(False, "lx-ps: line in the expected format", line)
            return
        stripped.append(m.group(1) + m.group(4))
        user = not m.group(4).startswith(" [")
        # A process runs on its own mm; a kernel thread has none.
        if user != (m.group(2) != "0x00000000") or (user and m.group(2) != m.group(3)):
            mm_ok = False
    c.same("\n".join(stripped), ps, "lx-ps matches the monitor's ps")
    c.check(mm_ok, "lx-ps: processes have mm == active_mm, kernel threads no mm")


def check_ptwalk(c, text):
    rows = re.findall(r"^ptwalk 0x([0-9a-f]+) ours=(\S+) qemu=(\S+) pid=(\S+)$", text, re.M)
    bad = [r for r in rows if not r[1] == r[2] == r[3]]
    c.check(rows and not bad, "mm-ptwalk (from CR3 and from the pid) agrees with QEMU's gva2gpa at %d addresses" % len(rows),
            "\n".join("0x%s: ours %s, QEMU %s, from the pid's mm %s" % r for r in bad))
    kinds = {r[1] == "unmapped" for r in rows}
    c.check(kinds == {True, False}, "mm-ptwalk: both mapped and unmapped addresses walked")
    m = re.search(r"^ptwalk monitor reads: (\d+)$", text, re.M)
    c.check(m and int(m.group(1)) > 0,
            "mm-ptwalk read highmem page tables through QEMU's monitor")


def check_pages(c, pages, pkmap, text):
    """The three mm-page sections gdbtest.show_pages prints."""
    if len(pages) != 3:
        c.check(False, "mm-page: three pages shown", "\n".join(pages))
        return
    kmapped, vma, free = pages
    # The monitor's pkmap line for the page: slot, count, pfn, vaddr.
    m = re.search(r"^ +(\d+) +(\d+) +0x([0-9a-f]+) +([0-9a-f]{8})$", pkmap, re.M)
    want = m and "pfn 0x%s " % m.group(3)
    c.check(m and kmapped.startswith(want) and
            "kmap: pkmap slot %s at 0x%s, count %s" % (m.group(1), m.group(4), m.group(2)) in kmapped,
            "mm-page finds the kmapped page in the slot pkmap shows", kmapped)
    c.check(re.search(r"^flags 0x[0-9a-f]+ .*slab", vma, re.M) and
            "slab: cache vm_area_struct," in vma, "mm-page: a VMA is in the vm_area_struct cache", vma)
    m = re.search(r"^free order-10 block at pfn 0x([0-9a-f]+)$", text, re.M)
    c.check(m and "free: in the buddy block of order 10 at pfn 0x%s\n" % m.group(1) in free + "\n",
            "mm-page: a page inside a free order-10 block", free)


def main():
    log = open(sys.argv[1], errors="replace").read().replace("\r", "")
    text = open(sys.argv[2], errors="replace").read()
    mon, ours, c = sections(log, "mm> "), sections(text, "==== "), Checker()
    for helper, cmd in SAME_AS.items():
        c.same(ours.get(helper, ""), mon.get(cmd), "%s matches the monitor's %s" % (helper, cmd))
    boot = log.split("] virtual kernel memory layout:\n", 1)
    c.same("\n".join(ours.get("mm-layout", "").splitlines()[1:8]),
           "\n".join(boot[1].splitlines()[:7]) if len(boot) > 1 else None,
           "mm-layout matches the layout printed at boot")
    check_ps(c, ours.get("lx-ps", ""), mon.get("ps"))
    maps = last_child_maps(log)
    c.same(ours.get("mm-maps", ""), maps, "mm-maps matches the process's /proc/self/maps")
    vma = next((v for k, v in ours.items() if k.startswith("mm-vma ")), "").splitlines()
    c.check(vma and maps and vma[0] in maps.splitlines() and vma[0].endswith("[stack]"),
            "mm-vma finds the [stack] VMA of the maps", "\n".join(vma))
    check_ptwalk(c, ours.get("ptwalk", ""))
    check_pages(c, [v for k, v in ours.items() if k.startswith("mm-page ")],
                mon.get("pkmap", ""), text)
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
