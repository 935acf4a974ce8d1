#!/usr/bin/env python3
"""Drives the mm> monitor the way a learner would: boots the kernel with
the command after "--" (scripts/qemu.sh ...), waits for each prompt, types
a command, reads its answer and types the next one with the pfns and
addresses the kernel just printed.  Every expectation is derived from
what this machine says (the boot's layout block, e820, zoneinfo,
buddyinfo, ptwalk), never from one memory size.

usage: monitor_session.py CHECKS -- CMD...

The whole conversation goes to stdout (the boot log); the verdicts go to
CHECKS as one KTAP suite, "monitor_session", which scripts/run-tests.sh
checks with ktap.py.  Exits 1 when a check failed, else 0.
"""
import os
import re
import select
import signal
import subprocess
import sys
import time

PROMPT = "\nmm> "
TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
NEW_COMMANDS = ("layout", "memblock", "pagetypeinfo", "page", "alloc", "free",
                "kmalloc", "kfree", "vmalloc", "vfree", "kmap", "kunmap",
                "touch", "selftest", "leaks", "drain")
PAGE = 4096
PMD = 2 << 20


class SessionError(Exception):
    pass


class Monitor:
    """The serial line of one boot: type a line, read up to the prompt."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.text = ""          # all output so far, without \r
        self.pos = 0            # consumed up to here
        self.status = None

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise SessionError("no answer within the time limit")
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            return True
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            return False
        sys.stdout.write(data.decode(errors="replace"))
        sys.stdout.flush()
        self.text += data.decode(errors="replace").replace("\r", "")
        return True

    def _until_prompt(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            i = self.text.find(PROMPT, self.pos)
            if i >= 0:
                out = self.text[self.pos:i + 1]
                self.pos = i + len(PROMPT)
                return out
            if not self._read(deadline):
                raise SessionError("the kernel stopped talking")

    def boot(self, timeout=300):
        """The boot log up to the first prompt."""
        return self._until_prompt(timeout)

    def run(self, line, timeout=300):
        """The command's output lines (the echoed line itself left out)."""
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()
        out = self._until_prompt(timeout)
        lines = out.split("\n")
        return [TIMESTAMP.sub("", l) for l in lines[1:] if l != ""]

    def poweroff(self, timeout=120):
        """The lines printed after "poweroff", and the exit status."""
        self.proc.stdin.write(b"poweroff\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + timeout
        while self._read(deadline):
            pass
        self.status = self.proc.wait(timeout=30)
        lines = self.text[self.pos:].split("\n")
        return [l for l in lines[1:] if l != ""], self.status

    def kill(self):
        """Ends QEMU and qemu.sh (by their pids) after a failed session."""
        if self.proc.poll() is not None:
            return
        for pid in children(self.proc.pid) + [self.proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()


def children(pid):
    """The pids of pid's descendants, deepest last."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            found += [int(d)] + children(int(d))
    return found


class Checks:
    """Results, written as one KTAP suite at the end."""

    def __init__(self):
        self.results = []

    def check(self, name, ok, *diag):
        self.results.append((bool(ok), name, [str(d) for d in diag]))
        return bool(ok)

    def lines_are(self, name, got, want):
        return self.check(name, got == want, "got:  %r" % got, "want: %r" % want)

    def write(self, path):
        res = self.results
        failed = sum(1 for ok, _, _ in res if not ok)
        out = ["KTAP version 1", "1..1", "    KTAP version 1",
               "    # Subtest: monitor_session", "    1..%d" % len(res)]
        for i, (ok, name, diag) in enumerate(res, 1):
            if not ok:
                out += ["    # " + d for d in diag]
            out.append("    %s %d %s" % ("ok" if ok else "not ok", i, name))
        out.append("# monitor_session: pass:%d fail:%d skip:0 total:%d"
                   % (len(res) - failed, failed, len(res)))
        out.append("# Totals: pass:%d fail:%d skip:0 total:%d"
                   % (len(res) - failed, failed, len(res)))
        out.append("%s 1 monitor_session" % ("not ok" if failed else "ok"))
        with open(path, "w") as f:
            f.write("\n".join(out) + "\n")
        return failed


# ---- what the machine says ----

def hexes(line):
    return [int(x, 16) for x in re.findall(r"0x([0-9a-f]+)", line)]


def usage_of(m, cmd):
    """The usage line help gives for cmd ("usage: " + it)."""
    return ["usage: " + u for u, _ in m.help if u.split()[0] == cmd]


def parse_help(lines):
    rows = []
    for l in lines:
        r = re.match(r"^  (\S.*?)  +(\S.*)$", l)
        if r:
            rows.append((r.group(1), r.group(2), r.start(2)))
    return rows


def layout_block(boot):
    """The boot's "virtual kernel memory layout:" lines, untimestamped."""
    lines = [TIMESTAMP.sub("", l) for l in boot.split("\n")]
    i = lines.index("virtual kernel memory layout:")
    block = []
    for l in lines[i + 1:]:
        if not l.startswith("    "):
            break
        block.append(l)
    return block


def layout_areas(lines):
    areas = {}
    for l in lines:
        r = re.match(r"^    (\S+)\s*: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})", l)
        if r and not r.group(1).startswith("."):
            areas.setdefault(r.group(1), []).append(
                (int(r.group(2), 16), int(r.group(3), 16)))
    return areas


def buddy_counts(m):
    return {l.split()[3]: l.split()[4:] for l in m.run("buddyinfo")}


def counts(m):
    """buddyinfo and meminfo after `drain`: exact, comparable counts."""
    m.run("drain")
    return buddy_counts(m), m.run("meminfo")


def zoneinfo(m):
    zones, cur = {}, None
    for l in m.run("zoneinfo"):
        r = re.match(r"^Node 0, zone\s+(\S+)", l)
        if r:
            cur = zones.setdefault(r.group(1), {})
            continue
        r = re.match(r"^\s+(spanned|present|start_pfn:)\s+(\d+)", l)
        if r and cur is not None:
            cur[r.group(1).rstrip(":")] = int(r.group(2))
    return zones


def meminfo_kb(lines, key):
    for l in lines:
        if l.startswith(key + ":"):
            return int(l.split()[1])
    return None


# ---- the session ----

def check_help(m, t):
    rows = parse_help(m.run("help"))
    m.help = [(u, h) for u, h, _ in rows]
    names = [u.split()[0] for u, _ in m.help]
    for cmd in NEW_COMMANDS:
        t.check("help lists %s once" % cmd, names.count(cmd) == 1, names)
    t.check("help: every description starts in one column",
            len({c for _, _, c in rows}) == 1, rows)


def check_layout(m, t, boot):
    out = m.run("layout")
    block = layout_block(boot)
    t.check("layout repeats every line of the boot's layout block",
            block and all(l in out for l in block), block, out)
    areas = layout_areas(out)
    spans = sorted(s for v in areas.values() for s in v)
    t.check("layout: the areas tile 0-0xfffff000 without holes",
            spans[0][0] == 0 and spans[-1][1] == 0xfffff000 and
            all(a[1] == b[0] for a, b in zip(spans, spans[1:])), spans)
    low, vm = areas["lowmem"][0], areas["vmalloc"][0]
    t.check("layout: the gap runs from the end of lowmem to vmalloc",
            (low[1], vm[0]) in areas.get("gap", []), areas)
    t.check("layout: user space is 0-0xc0000000",
            areas.get("user") == [(0, 0xc0000000)], areas)
    m.layout = areas


def check_memblock(m, t):
    usable = []
    for l in m.run("e820"):
        if l.endswith(" usable"):
            s, e = hexes(l)[:2]
            usable.append((-(-s // PAGE) * PAGE, (e + 1) // PAGE * PAGE - 1))
    out = m.run("memblock")
    regions = {"memory": [], "reserved": []}
    total = {}
    for l in out:
        r = re.match(r"^ (memory|reserved)\[0x[0-9a-f]+\]\t\[0x([0-9a-f]{16})-0x([0-9a-f]{16})\], 0x([0-9a-f]{16}) bytes flags: 0x0$", l)
        if r:
            s, e, n = (int(r.group(i), 16) for i in (2, 3, 4))
            regions[r.group(1)].append((s, e))
            t.check("memblock: %s region size is end - start + 1" % r.group(1),
                    n == e - s + 1, l)
        r = re.match(r"^ memory size = 0x([0-9a-f]+) reserved size = 0x([0-9a-f]+)$", l)
        if r:
            total = {"memory": int(r.group(1), 16), "reserved": int(r.group(2), 16)}
    t.check("memblock: starts with MEMBLOCK configuration:",
            out and out[0] == "MEMBLOCK configuration:", out[:1])
    for kind in regions:
        t.check("memblock: %s size is the sum of its regions" % kind,
                total.get(kind) == sum(e - s + 1 for s, e in regions[kind]), out)
        t.check("memblock: %s.cnt counts its regions" % kind,
                " %s.cnt  = 0x%x" % (kind, len(regions[kind])) in out, out)
    t.check("memblock: memory is e820's usable RAM in whole pages",
            regions["memory"] == usable, regions["memory"], usable)
    m.reserved = regions["reserved"]


def check_pagetypeinfo(m, t):
    m.run("drain")
    buddy = buddy_counts(m)
    zones = zoneinfo(m)
    out = m.run("pagetypeinfo")
    rows = {}
    for l in out:
        r = re.match(r"^Node    0, zone\s+(\S+), type    Unmovable (.*)$", l)
        if r:
            rows[r.group(1)] = r.group(2).split()
    t.lines_are("pagetypeinfo: the Unmovable rows are buddyinfo's", rows, buddy)
    want = ["Node 0, zone %8s %12d " % (z, -(-zones[z]["spanned"] // 1024))
            for z in buddy]
    t.check("pagetypeinfo: one block of 1024 pages per started 1024 of the zone's span",
            all(w in out for w in want), want, out)


def alloc_line(line):
    r = re.match(r"^alloc: pfn 0x([0-9a-f]+) order (\d+) zone (\S+)", line)
    return (int(r.group(1), 16), int(r.group(2)), r.group(3)) if r else None


def check_objects(m, t, zones):
    """Every make-things-happen command, then every undo: counts come back."""
    before = counts(m)
    has_high = zones.get("HighMem", {}).get("present", 0) > 0
    made, small, large, vm = make_objects(m, t, has_high)
    check_held(m, t, has_high, made, small, before)
    check_bad_arguments(m, t, made, small, vm)
    undo_objects(m, t, made, small, large, vm, before)


def make_objects(m, t, has_high):
    """alloc in each zone, kmalloc small and large, vmalloc: each checked."""
    made = {}
    out = m.run("alloc 0")
    made["normal"] = alloc_line(out[0]) if out else None
    t.check("alloc 0: an order-0 page from Normal or DMA",
            made["normal"] and made["normal"][1:] in ((0, "Normal"), (0, "DMA")), out)
    out = m.run("alloc 3 dma")
    made["dma"] = alloc_line(out[0]) if out else None
    t.check("alloc 3 dma: an order-3 block from DMA",
            made["dma"] and made["dma"][1:] == (3, "DMA") and made["dma"][0] % 8 == 0, out)
    out = m.run("alloc 1 highmem")
    made["high"] = alloc_line(out[0]) if out else None
    if has_high:
        t.check("alloc 1 highmem: an order-1 block from HighMem, no fallback",
                made["high"] and made["high"][1:] == (1, "HighMem") and len(out) == 1, out)
    else:
        t.check("alloc 1 highmem without HighMem: falls back along the zonelist, saying so",
                made["high"] and made["high"][2] == "Normal" and len(out) == 2 and
                out[1] == "alloc: HighMem has no pages on this machine; the zonelist fell back to Normal, as Linux's does", out)
    out = m.run("kmalloc 100")
    r = re.match(r"^kmalloc: 100 bytes at 0x([0-9a-f]{8}) \(cache kmalloc-128\)$", out[0] if out else "")
    small = int(r.group(1), 16) if r else None
    t.check("kmalloc 100: an object of kmalloc-128", small, out)
    out = m.run("kmalloc 20000")
    r = re.match(r"^kmalloc: 20000 bytes at 0x([0-9a-f]{8}) \(order 3 block at pfn 0x([0-9a-f]+), from the buddy allocator\)$", out[0] if out else "")
    large = int(r.group(1), 16) if r else None
    t.check("kmalloc 20000: an order-3 block from the buddy allocator", large, out)
    out = m.run("vmalloc 100000")
    r = re.match(r"^vmalloc: 100000 bytes at 0x([0-9a-f]{8})-0x([0-9a-f]{8}) \(25 pages\), guard page at 0x([0-9a-f]{8})$", out[0] if out else "")
    vm = int(r.group(1), 16) if r else None
    vm_lo, vm_hi = m.layout["vmalloc"][0]
    t.check("vmalloc 100000: 25 pages inside the vmalloc area, then a guard page",
            vm and vm_lo <= vm < vm_hi and int(r.group(2), 16) == vm + 25 * PAGE ==
            int(r.group(3), 16), out)
    if None in (made["normal"], made["dma"], made["high"], small, large, vm):
        raise SessionError("an allocation failed; the rest depends on it")
    return made, small, large, vm


def check_held(m, t, has_high, made, small, before):
    """kmap, page and leaks while the objects are held."""
    hpfn, npfn = made["high"][0], made["normal"][0]
    out = m.run("kmap 0x%x" % hpfn)
    pk_lo, pk_hi = m.layout["pkmap"][0]
    if has_high:
        r = re.match(r"^kmap: pfn 0x%x at 0x([0-9a-f]{8}) \(pkmap slot (\d+), count 2\)$" % hpfn,
                     out[0] if out else "")
        t.check("kmap of a HighMem page: a pkmap slot, count 2",
                r and int(r.group(1), 16) == pk_lo + int(r.group(2)) * PAGE < pk_hi, out)
        slot = int(r.group(2)) if r else -1
        t.check("pkmap lists the slot with count 2 and the pfn",
                any(l.split()[:3] == [str(slot), "2", "0x%x" % hpfn]
                    for l in m.run("pkmap")))
        page = m.run("page 0x%x" % hpfn)
        t.check("page of the kmapped page: its pkmap slot, alloc and kmap",
                "kmap: pkmap slot %d at 0x%08x, count 2" % (slot, pk_lo + slot * PAGE) in page and
                "allocated: order 1 block" in page and
                "monitor: alloc pfn 0x%x order 1 (zone HighMem)" % hpfn in page and
                any(l.startswith("monitor: kmap pfn 0x%x at " % hpfn) for l in page), page)
    else:
        t.lines_are("kmap of a lowmem page: its direct-map address", out,
                    ["kmap: pfn 0x%x at 0x%08x (lowmem: the direct map, no pkmap slot)"
                     % (hpfn, 0xc0000000 + hpfn * PAGE)])
    out = m.run("free 0x%x 1" % hpfn)
    t.lines_are("free of a kmapped block is refused", out,
                ["free: pfn 0x%x is kmapped: 'kunmap' it first; nothing freed" % hpfn])
    page = m.run("page 0x%x" % ((small - 0xc0000000) // PAGE))
    t.check("page of a kmalloc-128 object's page: the slab and the object",
            any(l.startswith("slab: cache kmalloc-128, ") for l in page) and
            "monitor: kmalloc 0x%08x (100 bytes)" % small in page, page)
    page = m.run("page 0x%x" % npfn)
    t.check("page of alloc's page: allocated order 0, its direct-map address, held by the monitor",
            "allocated: order 0 block" in page and
            "lowmem: direct map at 0x%08x" % (0xc0000000 + npfn * PAGE) in page and
            any(l.startswith("monitor: alloc pfn 0x%x order 0" % npfn) for l in page), page)
    leaks = m.run("leaks")
    t.check("leaks: one line per object, 7 held", len(leaks) == 8 and
            leaks[-1] == "monitor: 7 objects held", leaks)
    # While they are held, the free counts are lower by at least the pages.
    during = counts(m)
    low = lambda c: meminfo_kb(c[1], "MemFree")
    t.check("MemFree is lower by at least the pages alloc, kmalloc and vmalloc took",
            low(before) - low(during) >= 4 * (1 + 8 + 2 + 8 + 25), low(before), low(during))


def undo_objects(m, t, made, small, large, vm, before):
    """Every undo, then the free counts exactly as before."""
    hpfn, npfn = made["high"][0], made["normal"][0]
    undo = [("kunmap 0x%x" % hpfn, "kunmap: pfn 0x%x " % hpfn),
            ("free 0x%x 0" % npfn, "free: pfn 0x%x order 0 back to zone " % npfn),
            ("free 0x%x 3" % made["dma"][0], "free: pfn 0x%x order 3 back to zone DMA" % made["dma"][0]),
            ("free 0x%x 1" % hpfn, "free: pfn 0x%x order 1 back to zone %s" % (hpfn, made["high"][2])),
            ("kfree %x" % small, "kfree: 0x%08x (100 bytes) freed" % small),
            ("kfree 0x%x" % large, "kfree: 0x%08x (20000 bytes) freed" % large),
            ("vfree %x" % vm, "vfree: 0x%08x (100000 bytes) freed" % vm)]
    for cmd, want in undo:
        out = m.run(cmd)
        t.check("%s: done" % cmd.split()[0] + (" (kmap)" if "kunmap" in cmd else ""),
                len(out) == 1 and out[0].startswith(want), out, want)
    t.lines_are("leaks: nothing held after the undo", m.run("leaks"), ["monitor: 0 objects held"])
    after = counts(m)
    t.lines_are("buddyinfo after drain is exactly as before", after[0], before[0])
    t.lines_are("meminfo is exactly as before", after[1], before[1])
    pfn = made["dma"][0]
    page = m.run("page 0x%x" % pfn)
    free = [re.match(r"^free: in the buddy block of order (\d+) at pfn 0x([0-9a-f]+)$", l) for l in page]
    free = [(int(f.group(1)), int(f.group(2), 16)) for f in free if f]
    t.check("page of a freed block: in a free buddy block of order 3 or more that holds it",
            len(free) == 1 and free[0][0] >= 3 and
            free[0][1] <= pfn < free[0][1] + (1 << free[0][0]) and
            not any(l.startswith("monitor:") for l in page), page)
    m.freed_pfn = made["dma"][0]


def check_bad_arguments(m, t, made, small, vm):
    """Each wrong argument: one line saying what, the usage line, no change."""
    hpfn, npfn = made["high"][0], made["normal"][0]
    zones_max = int(m.max_pfn)
    cases = [
        ("alloc 11", "alloc: ORDER 11 is out of range (0-10)"),
        ("alloc -1", "alloc: ORDER '-1' is not a number"),
        ("alloc two", "alloc: ORDER 'two' is not a number"),
        ("alloc 0 movable", "alloc: no zone called 'movable' (highmem, dma or normal)"),
        ("alloc", None),
        ("alloc 0 dma 1", None),
        ("free 0x1 0", "free: pfn 0x1 was not allocated with 'alloc'; nothing freed"),
        ("free 0x%x 2" % npfn, "free: pfn 0x%x was allocated with order 0, not 2; nothing freed" % npfn),
        ("free 0x%x 0" % (npfn + 1), "free: pfn 0x%x was not allocated with 'alloc'; nothing freed" % (npfn + 1)),
        ("free x 0", "free: PFN 'x' is not a number"),
        ("free 0x%x 0" % zones_max, "free: PFN 0x%x is out of range (0-%#x)" % (zones_max, zones_max - 1)),
        ("free 1 11", "free: ORDER 11 is out of range (0-10)"),
        ("kmalloc 4G", "kmalloc: SIZE 4G is out of range (1-4194304 bytes)"),
        ("kmalloc 5M", "kmalloc: SIZE 5M is out of range (1-4194304 bytes)"),
        ("kmalloc 0", "kmalloc: SIZE 0 is out of range (1-4194304 bytes)"),
        ("kmalloc lots", "kmalloc: SIZE 'lots' is not a size (bytes, or with K, M or G)"),
        ("kmalloc 12Q", "kmalloc: SIZE '12Q' is not a size (bytes, or with K, M or G)"),
        ("kfree 1000", "kfree: 0x00001000 (user space) was not allocated with 'kmalloc'; nothing freed"),
        ("kfree c0100000", "kfree: 0xc0100000 (lowmem, the direct map) was not allocated with 'kmalloc'; nothing freed"),
        ("kfree %x" % (small + 8), "kfree: 0x%08x (lowmem, the direct map) was not allocated with 'kmalloc'; nothing freed" % (small + 8)),
        ("kfree %x" % vm, "kfree: 0x%08x (the vmalloc area) was not allocated with 'kmalloc'; nothing freed" % vm),
        ("kfree nowhere", "kfree: ADDR 'nowhere' is not a hex address"),
        ("kfree 100000000", "kfree: ADDR 100000000 is beyond 32 bits"),
        ("vmalloc 3G", "vmalloc: SIZE 3G is out of range (1-%d bytes)"
         % (m.layout["vmalloc"][0][1] - m.layout["vmalloc"][0][0] - PAGE)),
        ("vmalloc 0", "vmalloc: SIZE 0 is out of range (1-%d bytes)"
         % (m.layout["vmalloc"][0][1] - m.layout["vmalloc"][0][0] - PAGE)),
        ("vfree %x" % small, "vfree: 0x%08x (lowmem, the direct map) was not allocated with 'vmalloc'; nothing freed" % small),
        ("vfree %x" % (vm + PAGE), "vfree: 0x%08x (the vmalloc area) was not allocated with 'vmalloc'; nothing freed" % (vm + PAGE)),
        ("vfree ffffffff", "vfree: 0xffffffff (the unused page above the fixmap) was not allocated with 'vmalloc'; nothing freed"),
        ("kmap 0x%x" % zones_max, "kmap: PFN 0x%x is out of range (0-%#x)" % (zones_max, zones_max - 1)),
        ("kunmap 0x%x" % npfn, "kunmap: pfn 0x%x was not mapped with 'kmap'; nothing unmapped" % npfn),
        ("touch 1000", "touch: 0x00001000 is a user address; touch reads kernel addresses"),
        ("touch zz", "touch: ADDR 'zz' is not a hex address"),
        ("page 0x%x" % zones_max, "page: PFN 0x%x is out of range (0-%#x)" % (zones_max, zones_max - 1)),
        ("page -", "page: PFN '-' is not a number"),
        ("page %d" % zones_max, "page: PFN %d is out of range (0-%d)" % (zones_max, zones_max - 1)),
    ]
    before = m.run("leaks")
    for line, why in cases:
        want = ([why] if why else []) + usage_of(m, line.split()[0])
        t.lines_are("bad argument: %s" % line, m.run(line), want)
    t.lines_are("bad arguments changed nothing the monitor holds", m.run("leaks"), before)


def check_touch(m, t):
    """Reads, faults fixed up, and a vmalloc fault syncing a PMD entry."""
    out = m.run("touch c0100000")
    t.check("touch of the kernel image: a byte read",
            len(out) == 1 and re.match(r"^touch: 0xc0100000 \(lowmem, the direct map\): read 0x[0-9a-f]{2}$", out[0]), out)
    low_end = m.layout["lowmem"][0][1]
    gap_end = m.layout["vmalloc"][0][0]
    if low_end < gap_end:
        out = m.run("touch %x" % low_end)
        t.check("touch of the gap after lowmem: a fault, fixed up",
                len(out) == 1 and out[0].startswith(
                    "touch: 0x%08x (the VMALLOC_OFFSET gap after lowmem): fault: " % low_end) and
                out[0].endswith("; fixed up by the exception table (1)"), out)
    # Which 2 MiB regions of vmalloc had a page table when the touch's
    # address space was made (the touch above): ptwalk says, per region.
    vm_lo, vm_hi = m.layout["vmalloc"][0]
    size = 4 << 20
    had_pmd = {}
    for region in range(vm_lo & ~(PMD - 1), min(vm_hi, vm_lo + size + 4 * PMD), PMD):
        out = m.run("ptwalk %x" % region)
        had_pmd[region] = not (out and out[0].endswith("not mapped (no PMD entry)"))
    out = m.run("vmalloc 4M")
    r = re.match(r"^vmalloc: %d bytes at 0x([0-9a-f]{8})-0x([0-9a-f]{8}) \(1024 pages\), guard page at 0x([0-9a-f]{8})$" % size,
                 out[0] if out else "")
    if not t.check("vmalloc 4M: 1024 pages", r, out):
        return
    start, guard = int(r.group(1), 16), int(r.group(3), 16)
    last = guard - PAGE
    region = last & ~(PMD - 1)
    out = m.run("touch %x" % last)
    read = re.match(r"^touch: 0x%08x \(the vmalloc area\): read 0x[0-9a-f]{2}$" % last,
                    out[0] if out else "")
    sync = "touch: vmalloc fault: the PMD entry for 0x%08x-0x%08x was copied from swapper_pg_dir" % (region, region + PMD - 1)
    # shared_kernel_pmd=1: one kernel PMD for all, nothing to sync.
    shared = "shared_kernel_pmd=1" in " ".join(m.run("cmdline")).split()
    if region in had_pmd and not had_pmd[region] and not shared:
        t.check("touch of a new vmalloc region: read after a vmalloc fault synced the PMD",
                read and out[1:] == [sync], out, had_pmd)
    else:
        t.check("touch of a vmalloc region known before: no vmalloc fault",
                read and len(out) == 1, out, had_pmd)
    t.lines_are("touch again: the same byte, the PMD entry is there now, no fault",
                m.run("touch %x" % last), out[:1])
    out = m.run("touch %x" % guard)
    t.check("touch of the guard page: a fault, fixed up, naming the area",
            len(out) == 1 and re.match(r"^touch: 0x%08x \(the vmalloc area\): fault: (no PTE|no page table \(PMD entry empty\)); the guard page of the area 0x%08x-0x%08x; fixed up by the exception table \(1\)$"
                                       % (guard, start, guard + PAGE), out[0]), out)
    m.run("vfree %x" % start)
    out = m.run("touch %x" % start)
    t.lines_are("touch after vfree: a fault in no area", out,
                ["touch: 0x%08x (the vmalloc area): fault: no PTE; in no vmalloc area (never allocated, or freed); fixed up by the exception table (1)" % start])
    t.check("no oops anywhere in the session", "Oops" not in m.text and "BUG:" not in m.text)


def check_full_table(m, t):
    """The monitor holds at most what its table has room for; the one
    more is refused before anything is allocated."""
    before = counts(m)
    addrs, n = [], 0
    while n < 100:
        out = m.run("kmalloc 8")
        r = re.match(r"^kmalloc: 8 bytes at 0x([0-9a-f]{8}) ", out[0] if out else "")
        if not r:
            break
        addrs.append(r.group(1))
        n += 1
    t.check("a full table refuses one more object, saying so (after %d)" % n,
            0 < n < 100 and out == ["monitor: already holding %d objects (see 'leaks'); give some back first" % n],
            out)
    leaks = m.run("leaks")
    t.check("leaks lists every object held", len(leaks) == n + 1 and
            leaks[-1] == "monitor: %d objects held" % n, leaks[-1:])
    for a in addrs:
        m.run("kfree " + a)
    after = counts(m)
    t.lines_are("after freeing them all, buddyinfo is exactly as before", after[0], before[0])
    t.lines_are("and meminfo", after[1], before[1])


def check_largest(m, t):
    """The largest request each command takes: met, or refused with a
    message; either way nothing is lost."""
    vm_lo, vm_hi = m.layout["vmalloc"][0]
    before = counts(m)
    tries = [("alloc 10", r"^alloc: pfn 0x([0-9a-f]+) order 10 ", "free 0x%s 10",
              "alloc: no free block of order 10 for Normal (see buddyinfo)"),
             ("kmalloc 4M", r"^kmalloc: 4194304 bytes at 0x([0-9a-f]{8}) ", "kfree %s",
              "kmalloc: no memory for 4194304 bytes"),
             ("vmalloc %d" % (vm_hi - vm_lo - PAGE), r"^vmalloc: \d+ bytes at 0x([0-9a-f]{8})-", "vfree %s",
              "vmalloc: no memory or no room for %d bytes" % (vm_hi - vm_lo - PAGE))]
    for cmd, made, undo, refused in tries:
        out = [l for l in m.run(cmd) if not TIMESTAMP.match(l)]
        r = re.match(made, out[0] if out else "")
        t.check("%s: made, or refused with one line" % cmd, r or refused in out, out)
        if r:
            m.run(undo % r.group(1))
    after = counts(m)
    t.lines_are("after the largest requests, buddyinfo is exactly as before", after[0], before[0])
    t.lines_are("and meminfo", after[1], before[1])
    t.lines_are("and the monitor holds nothing", m.run("leaks"), ["monitor: 0 objects held"])


def check_kmap_free_page(m, t):
    out = m.run("kmap 0x%x" % m.freed_pfn)
    t.lines_are("kmap of a free page is refused", out,
                ["kmap: pfn 0x%x is free; kmap a page in use ('alloc' one)" % m.freed_pfn]
                + usage_of(m, "kmap"))
    page = m.run("page 0")
    t.check("page 0: reserved", "reserved: never given to the buddy allocator" in page and
            any(l.startswith("flags: ") and "reserved" in l for l in page), page)


def refcount(page_lines):
    r = re.match(r"^page:[0-9a-f]+ refcount:(-?\d+) ", page_lines[0] if page_lines else "")
    return int(r.group(1)) if r else None


def check_kmap_unfreeable(m, t):
    """kmap takes no reference on a reserved or a slab page (put_page
    could not give it back): kunmap leaves the count as it was, with no
    report."""
    out = m.run("kmalloc 64")
    r = re.match(r"^kmalloc: 64 bytes at 0x([0-9a-f]{8})", out[0] if out else "")
    if not r:
        t.check("kmalloc 64 for the slab page", False, out)
        return
    addr = int(r.group(1), 16)
    for what, pfn in (("reserved page 0", 0), ("slab page", (addr - 0xc0000000) // PAGE)):
        before = refcount(m.run("page 0x%x" % pfn))
        out = m.run("kmap 0x%x" % pfn) + m.run("kunmap 0x%x" % pfn)
        after = refcount(m.run("page 0x%x" % pfn))
        t.check("kmap and kunmap of the %s: refcount as before, no report" % what,
                before is not None and before == after and
                not any("BUG" in l or "WARNING" in l for l in out), out, before, after)
    m.run("kfree 0x%x" % addr)


def check_selftest(m, t):
    for run in ("first", "second"):
        out = m.run("selftest kernel,user")
        t.check("selftest kernel,user (%s run): every case passes" % run,
                out and out[-1] == "selftest: 0 cases failed", out[-3:])
    out = m.run("selftest kmalloc")
    t.check("selftest kmalloc: the suite's KTAP, all passed",
            "KTAP version 1" in out and "ok 1 kmalloc" in out and
            out[-1] == "selftest: 0 cases failed", out[-3:])
    out = m.run("selftest nosuch")
    t.check("selftest of no such suite: says so, runs nothing",
            len(out) == 1 and out[0].startswith('selftest: no test suite named "nosuch"; the suites are: '), out)


def session(m, t):
    boot = m.boot()
    check_help(m, t)
    m.max_pfn = max(z["start_pfn"] + z["spanned"] for z in zoneinfo(m).values())
    zones = zoneinfo(m)
    check_layout(m, t, boot)
    check_memblock(m, t)
    check_pagetypeinfo(m, t)
    check_objects(m, t, zones)
    check_kmap_free_page(m, t)
    check_kmap_unfreeable(m, t)
    check_full_table(m, t)
    check_largest(m, t)
    check_touch(m, t)
    check_selftest(m, t)
    out = m.run("kmalloc 64")
    left = re.match(r"^kmalloc: 64 bytes at 0x([0-9a-f]{8})", out[0] if out else "")
    lines, status = m.poweroff()
    t.check("poweroff reports the object left behind, then QEMU exits 0",
            left and status == 0 and lines[:2] ==
            ["monitor: still held: kmalloc 0x%s (64 bytes)" % left.group(1),
             "monitor: 1 object left behind"], lines, status)


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    m, t = Monitor(sys.argv[3:]), Checks()
    try:
        session(m, t)
    except (SessionError, OSError, subprocess.TimeoutExpired, ValueError,
            KeyError, IndexError) as e:
        t.check("the session ran to the end", False, repr(e))
        m.kill()
    sys.exit(1 if t.write(sys.argv[1]) else 0)


if __name__ == "__main__":
    main()
