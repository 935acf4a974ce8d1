#!/usr/bin/env python3
"""The GDB helpers against the kernel's own output for the same state.

usage: compare.py SERIAL_LOG GDB_TRANSCRIPT

The serial log holds the monitor commands run.sh typed (`mm> ps`, ...)
and mmdemo's own /proc/self/maps; the transcript the helpers' output
between `==== NAME` lines (tests/gdb/boot.gdb), and what the kernel's
monitor printed when GDB had it run a command (`==== kernel: LINE`,
before the `==== helper: HELPER` to match).  Prints one line per check;
exits 1 when any failed.
"""
import re
import sys

# helper: the monitor command whose output it must reproduce exactly
SAME_AS = {"mm-meminfo": "meminfo", "mm-buddyinfo": "buddyinfo",
           "mm-zoneinfo": "zoneinfo", "mm-slabinfo": "slabinfo",
           "mm-vmallocinfo": "vmallocinfo",
           "mm-pkmap": "pkmap", "mm-fixmap": "fixmap", "mm-ptdump": "ptdump",
           "lx-dmesg": "dmesg"}
# The list: each must exist, be checked against the kernel's own
# output, and fail cleanly on bad arguments.
HELPERS = ["lx-dmesg", "lx-ps", "mm-layout", "mm-buddyinfo", "mm-zoneinfo",
           "mm-meminfo", "mm-slabinfo", "mm-vmallocinfo", "mm-pkmap", "mm-fixmap",
           "mm-page", "mm-ptwalk", "mm-ptdump", "mm-maps", "mm-vma"]
# The monitor's ptdump given a bad PID (typed by run.sh): its message.
PTDUMP_BAD = {"ptdump zz": "ptdump: 'zz' is not a pid",
              "ptdump 1": "ptdump: pid 1 has no user address space (a kernel thread)",
              "ptdump 32767": "ptdump: no process with pid 32767"}
# gdbtest.page_versus's kinds of page: a line the kernel's `page` must
# print for each (so each kind is really met, and compared exactly).
PAGE_KINDS = {
    "buddy head": r"^free: in the buddy block of order 10 at pfn 0x{pfn}$",
    "buddy inside": r"^free: in the buddy block of order 10 at pfn 0x",
    "per-CPU": r"^free: on the per-CPU list of zone ",
    "slab": r"^slab: cache kmalloc-128, (?s:.*)^monitor: kmalloc 0x",
    "compound tail": r"^compound: order \d+ block, head pfn (?s:.*)^monitor: kmalloc 0x",
    "vmalloc": r"^allocated: order 0 block$(?s:.*)^monitor: vmalloc 0x",
    "kmap": r"^kmap: pkmap slot \d+ at 0x[0-9a-f]{{8}}, count 3$(?s:.*)^monitor: kmap pfn 0x{pfn} ",
    # rw once the child wrote it, else still shared copy-on-write with the
    # parent: which one depends on where the randomized stack top falls
    "user stack": r"^user: pid \d+ mmdemo at 0x[0-9a-f]{{8}} (?:rw|ro, copy-on-write), in ",
    "user text": r"^user: pid (\d+) mmdemo at .*\n(?s:.*)^user: pid (?!\1 )\d+ mmdemo at ",
    "zero page": r"^allocated: order 0 block$",
    "PTE page": r"^page table: PTE page of pid \d+ mmdemo for 0x",
    "PMD page": r"^page table: PMD page of pid \d+ mmdemo for 0x00000000-0x3fffffff$",
    "reserved": r"^reserved: never given to the buddy allocator$",
    "lowmem": r"^allocated: order 0 block\nlowmem: direct map at 0x[0-9a-f]{{8}}\nmonitor: alloc pfn 0x{pfn} order 0 \(zone Normal\)$",
    "inside a block": r"^allocated: inside a larger block \(not its first page\)$(?s:.*)^monitor: alloc pfn 0x[0-9a-f]+ order 2 ",
    "kmap_atomic": r"^kmap_atomic: slot 0 at 0x[0-9a-f]{{8}}$(?s:.*)^monitor: alloc pfn 0x{pfn} order 0 \(zone HighMem\)$",
}
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
        self.compared = set()		# helpers checked against the kernel

    def check(self, ok, what, detail=""):
        print("%s: %s" % ("ok" if ok else "FAIL", what))
        if not ok:
            self.failed += 1
            if detail:
                print(detail)

    def same(self, ours, theirs, what, helper=None):
        ok = theirs is not None and ours == theirs and ours.strip() != ""
        self.check(ok, what, "--- helper:\n%s\n--- kernel:\n%s" % (ours, theirs))
        if ok and helper:
            self.compared.add(helper)


def check_ps(c, lxps, ps, what=""):
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
    c.same("\n".join(stripped), ps, "lx-ps matches the monitor's ps" + what, "lx-ps")
    c.check(mm_ok, "lx-ps: processes have mm == active_mm, kernel threads no mm" + what)


def check_ptwalk(c, text):
    rows = re.findall(r"^ptwalk 0x([0-9a-f]+) ours=(\S+) qemu=(\S+) pid=(\S+)$", text, re.M)
    bad = [r for r in rows if not r[1] == r[2] == r[3]]
    if rows and not bad:
        c.compared.add("mm-ptwalk")
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
    want = m and "pfn:0x%s\n" % m.group(3)
    c.check(m and want in kmapped and
            "kmap: pkmap slot %s at 0x%s, count %s" % (m.group(1), m.group(4), m.group(2)) in kmapped,
            "mm-page finds the kmapped page in the slot pkmap shows", kmapped)
    c.check(re.search(r"^flags: 0x[0-9a-f]+\(.*slab", vma, re.M) and
            "slab: cache vm_area_struct," in vma, "mm-page: a VMA is in the vm_area_struct cache", vma)
    m = re.search(r"^free order-10 block at pfn 0x([0-9a-f]+)$", text, re.M)
    c.check(m and "free: in the buddy block of order 10 at pfn 0x%s\n" % m.group(1) in free + "\n",
            "mm-page: a page inside a free order-10 block", free)


def kernel_pairs(text):
    """[(monitor line, its output, helper, the helper's output)]."""
    return re.findall(r"^==== kernel: (.*)\n((?:(?!==== ).*\n)*)"
                      r"==== helper: (.*)\n((?:(?!==== ).*\n)*)", text, re.M)


def check_versus(c, text):
    """The helpers against the monitor commands the kernel ran for GDB
    in the stopped process's state (gdbtest.versus)."""
    pairs = kernel_pairs(text)
    c.check(len(pairs) >= 6, "the kernel ran %d monitor commands for GDB" % len(pairs))
    for line, theirs, helper, ours in pairs:
        if helper == "lx-ps":
            check_ps(c, ours.rstrip("\n"), theirs.rstrip("\n"), " (user processes)")
        else:
            c.same(ours, theirs, "%s matches the kernel's %s" % (helper, line),
                   helper.split()[0])
    m = re.search(r"^running pid (\d+): lx-ps active_mm pgd at phys 0x([0-9a-f]+), "
                  r"CR3 0x([0-9a-f]+)$", text, re.M)
    c.check(m and m.group(2) == m.group(3),
            "lx-ps: the running process's active_mm has the PDPT CR3 points at",
            m.group(0) if m else "")
    return {line.split()[1]: theirs for line, theirs, _, _ in pairs
            if line.startswith("maps ")}


def check_page_kinds(c, text):
    """Each kind of page gdbtest.page_versus showed (check_versus compared
    the kernel's `page` and mm-page exactly): the kernel's output has the
    line that kind is about."""
    shown = re.findall(r"^page kind (.+) pfn 0x([0-9a-f]+)\n==== kernel: page 0x\2\n"
                       r"((?:(?!==== ).*\n)*)", text, re.M)
    c.check(sorted(k for k, _, _ in shown) == sorted(PAGE_KINDS),
            "page: every kind of page compared", " ".join(k for k, _, _ in shown))
    for kind, pfn, out in shown:
        want = PAGE_KINDS.get(kind, "^$").format(pfn=pfn)
        c.check(re.search(want, out, re.M), "page 0x%s (%s): /%s/" % (pfn, kind, want), out)


def check_user_pages(c, text, maps):
    """mm-page on user pages (gdbtest.user_state): the mappings it lists
    are as many as the kernel's _mapcount says, each in a VMA of the
    kernel's maps of that pid and walking to the page; the address the
    page was found through is among them; some page is in two processes."""
    pages = re.findall(r"^user page 0x([0-9a-f]+) pid (\d+) pfn 0x([0-9a-f]+)\n"
                       r"==== mapped page 0x\3\n((?:(?!==== ).*\n)*)", text, re.M)
    c.check(len(pages) == 3, "mm-page: %d user pages shown" % len(pages))
    shared = False
    for addr, pid, pfn, out in pages:
        # "rw", "ro" or "ro, copy-on-write" before ", in VMA"
        users = re.findall(r"^user: pid (\d+) \S+ at 0x([0-9a-f]+) .*?, in (\S+)$", out, re.M)
        m = re.search(r" mapcount:(-?\d+) ", out)
        count = int(m.group(1)) if m else -1
        zero = re.search(r"^page kind zero page pfn 0x%s$" % pfn, text, re.M)
        c.check(zero or len(users) == count,
                "mm-page pfn 0x%s: %d user mappings, as _mapcount says" % (pfn, len(users)), out)
        c.check((pid, "%08x" % (int(addr, 16) & ~0xFFF)) in [u[:2] for u in users],
                "mm-page pfn 0x%s: mapped at 0x%s in pid %s" % (pfn, addr, pid), out)
        c.check(all(any(v.startswith(u[2] + " ") for v in maps.get(u[0], "").splitlines())
                    for u in users),
                "mm-page pfn 0x%s: each mapping's VMA is in the kernel's maps" % pfn, out)
        walks = re.findall(r"^mapping of pfn 0x%s: pid \d+ 0x[0-9a-f]+ ptwalk=(\S+)$" % pfn,
                           text, re.M)
        c.check(len(walks) == len(users) and
                all(w == "0x%x" % (int(pfn, 16) << 12) for w in walks),
                "mm-page pfn 0x%s: mm-ptwalk from each pid's mm reaches the page" % pfn)
        shared |= len({u[0] for u in users}) > 1
    c.check(shared, "mm-page: a page mapped in two processes found in both")
    if pages:
        c.compared.add("mm-page")


def check_bad_arguments(c, text, helpers):
    """Each bad case fails with its one-line message (a gdb.GdbError, no
    traceback), and every helper has bad cases."""
    rows = re.findall(r"^bad-arg (.*?) \| (.*?) \| (\w+) \| (.*)$", text, re.M)
    bad = [r for r in rows if r[2] != "error" or r[1] not in r[3] or "\\n" in r[3]]
    c.check(rows and not bad, "%d bad arguments each get their one-line message" % len(rows),
            "\n".join("%s: wanted '%s', got %s: %s" % r for r in bad))
    untested = [h for h in helpers if h not in {r[0].split()[0] for r in rows}]
    c.check(helpers and not untested, "every helper's bad arguments tried",
            "untested: %s" % " ".join(untested))
    c.check("Python Exception" not in text and "Traceback" not in text,
            "no Python traceback in the transcript")


def check_helpers(c, defined):
    missing = [h for h in HELPERS if h not in defined]
    c.check(not missing, "every helper of the issue is defined", " ".join(missing))
    loose = [h for h in HELPERS if h not in c.compared]
    c.check(not loose, "every helper checked against the kernel's own output",
            "not compared: %s" % " ".join(loose))


def main():
    log = open(sys.argv[1], errors="replace").read().replace("\r", "")
    text = open(sys.argv[2], errors="replace").read()
    mon, ours, c = sections(log, "mm> "), sections(text, "==== "), Checker()
    for helper, cmd in SAME_AS.items():
        c.same(ours.get(helper, ""), mon.get(cmd), "%s matches the monitor's %s" % (helper, cmd),
               helper)
    for cmd, want in PTDUMP_BAD.items():
        c.check((mon.get(cmd) or "").startswith(want), "monitor %s: %s" % (cmd, want),
                mon.get(cmd))
    boot = log.split("] virtual kernel memory layout:\n", 1)
    c.same("\n".join(ours.get("mm-layout", "").splitlines()[1:8]),
           "\n".join(boot[1].splitlines()[:7]) if len(boot) > 1 else None,
           "mm-layout matches the layout printed at boot", "mm-layout")
    check_ps(c, ours.get("lx-ps", ""), mon.get("ps"))
    maps = last_child_maps(log)
    c.same(ours.get("mm-maps", ""), maps, "mm-maps matches the process's /proc/self/maps",
           "mm-maps")
    vma = next((v for k, v in ours.items() if k.startswith("mm-vma ")), "").splitlines()
    c.check(vma and maps and vma[0] in maps.splitlines() and vma[0].endswith("[stack]"),
            "mm-vma finds the [stack] VMA of the maps", "\n".join(vma))
    if vma and maps and vma[0] in maps.splitlines():
        c.compared.add("mm-vma")
    check_ptwalk(c, ours.get("ptwalk", ""))
    check_pages(c, [v for k, v in ours.items() if k.startswith("mm-page ")],
                mon.get("pkmap", ""), text)
    check_user_pages(c, text, check_versus(c, text))
    check_page_kinds(c, text)
    defined = ours.get("helpers", "").split()
    check_bad_arguments(c, text, defined)
    check_helpers(c, defined)
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
