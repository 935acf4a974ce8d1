# The GDB test's Python side (sourced by tests/gdb/boot.gdb): prints the
# helpers' output between `==== NAME` lines for compare.py.  A helper
# that fails prints its error in its section and the test goes on.
import re
import gdb
import kutils
import maps
import ptdump
import ptwalk
import tasks
import vmalloc

GFP_KERNEL = 0xCC0		# include/linux/gfp.h: __GFP_RECLAIM | __GFP_IO | __GFP_FS


def show(*commands, heading="%s"):
    """Each helper's output under its own heading."""
    for cmd in commands:
        gdb.write("==== %s\n" % (heading % cmd))
        try:
            gdb.write(gdb.execute(cmd, to_string=True))
        except gdb.error as e:
            gdb.write("error: %s\n" % e)
    gdb.write("==== end\n")


def make_mappings():
    """Something for mm-vmallocinfo and mm-pkmap to show: at the prompt
    there is none.  2 is __GFP_HIGHMEM (include/linux/gfp.h)."""
    addr = int(kutils.kernel_call("vmalloc(5 * 4096)"))
    gdb.write("vmalloc area for the test at 0x%08x\n" % addr)
    global kmapped_page
    kmapped_page = page = int(kutils.kernel_call("alloc_pages(2, 0)"))
    addr = int(kutils.kernel_call("kmap((struct page *)%d)" % page))
    gdb.write("highmem page kmapped for the test at 0x%08x\n" % addr)


def ours(vaddr, src=""):
    out = gdb.execute("mm-ptwalk 0x%x %s" % (vaddr, src), to_string=True)
    m = re.search(r"-> phys 0x([0-9a-f]+)", out)
    return "0x%x" % int(m.group(1), 16) if m else "unmapped"


def qemus(vaddr):
    out = gdb.execute("monitor gva2gpa 0x%x" % vaddr, to_string=True)
    m = re.search(r"gpa: 0x([0-9a-fA-F]+)", out)
    return "0x%x" % int(m.group(1), 16) if m else "unmapped"


def show_pages():
    """mm-page on the page kmapped above (by its struct page), a VMA (a
    slab object) and a page inside the first free order-10 block of
    ZONE_NORMAL, with that block's head pfn for compare.py."""
    zone = gdb.parse_and_eval("contig_page_data.node_zones[ZONE_NORMAL]")
    lru = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    first = int(zone["free_area"][10]["free_list"]["next"])	# &page->lru
    pfn = (first - lru - int(gdb.parse_and_eval("mem_map"))) // \
        gdb.lookup_type("struct page").sizeof
    gdb.write("free order-10 block at pfn 0x%x\n" % pfn)
    show("mm-page 0x%x" % kmapped_page,
         "mm-page 0x%x" % int(gdb.parse_and_eval("current_task->mm->mmap")),
         "mm-page 0x%x" % (pfn + 5))


def ptwalk_vs_qemu():
    """The walk against QEMU's own translation: for the first and last
    words of each VMA of the running process, its stack top and a few
    kernel addresses, mm-ptwalk's answer and `monitor gva2gpa`'s:
      ptwalk 0xVADDR ours=0xPHYS|unmapped qemu=... pid=...
    where pid= is the walk from the process's mm->pgd instead of CR3."""
    gdb.write("==== ptwalk\n")
    mm = gdb.parse_and_eval("current_task->mm")
    addrs = []
    vma = mm["mmap"]
    while int(vma):
        addrs += [int(vma["vm_start"]), int(vma["vm_end"]) - 8]
        vma = vma["vm_next"]
    addrs += [int(mm["start_stack"]) - 4, int(gdb.parse_and_eval("&init_task")),
              int(gdb.parse_and_eval("high_memory")) - 8, 0xFFFFF000]
    pid = str(int(gdb.parse_and_eval("current_task->pid")))	# via mm->pgd
    before = ptwalk.monitor_reads
    for a in addrs:
        try:
            gdb.write("ptwalk 0x%08x ours=%s qemu=%s pid=%s\n" % (
                a, ours(a), qemus(a), ours(a, pid)))
        except gdb.error as e:
            gdb.write("ptwalk 0x%08x error: %s\n" % (a, e))
    gdb.write("ptwalk monitor reads: %d\n" % (ptwalk.monitor_reads - before))
    gdb.write("==== end\n")


class Capture:
    """A kmalloc'd buffer for the monitor's output, held while in use so
    that the kernel's view and the helper's see the same free lists."""

    def __init__(self, size=16384):
        self.size = size

    def __enter__(self):
        self.buf = int(kutils.kernel_call("kmalloc(%d, %d)" % (self.size + 256, GFP_KERNEL)))
        if not self.buf:
            raise gdb.GdbError("kmalloc for the monitor's output failed")
        return self

    def __exit__(self, *exc):
        kutils.kernel_call("kfree((void *)%d)" % self.buf)

    def run(self, line):
        """What the monitor command line prints, run by the kernel itself
        (monitor_exec, its output captured) in the state GDB stopped it
        in: the kernel's own view, when its prompt is busy."""
        gdb.selected_inferior().write_memory(self.buf + self.size, line.encode() + b"\0")
        try:
            kutils.kernel_call("monitor_capture_quiet((char *)%d, %d)" % (self.buf, self.size))
            kutils.kernel_call("monitor_exec((const char *)%d)" % (self.buf + self.size))
        finally:
            kutils.kernel_call("monitor_capture_quiet(0, 0)")
        text = kutils.read_cstring(self.buf, self.size)
        if len(text) >= self.size - 1:
            raise gdb.GdbError("%s: more output than %d bytes" % (line, self.size))
        return text


def versus(*pairs, cap=None):
    """For each (monitor line, helper): the kernel's output and the
    helper's under `==== kernel: LINE` and `==== helper: HELPER`."""
    if cap is None:
        with Capture() as cap:
            return versus(*pairs, cap=cap)
    for line, helper in pairs:
        gdb.write("==== kernel: %s\n%s" % (line, cap.run(line)))
        show(helper, heading="helper: %s")


def user_state():
    """In do_exit of mmdemo's child, its parent waiting for it: the kernel's
    ps, ptdump and maps of both processes against the helpers, then mm-page
    on pages they map (the stack top, the first text page, shared with
    the parent, the heap's first page), each user mapping it reports
    walked again with mm-ptwalk from that process's mm."""
    child = gdb.parse_and_eval("current_task")
    pid, ppid = int(child["pid"]), int(child["real_parent"]["pid"])
    gdb.write("child pid %d, parent pid %d\n" % (pid, ppid))
    versus(("ps", "lx-ps"), ("ptdump", "mm-ptdump"),
           ("ptdump %d" % pid, "mm-ptdump %d" % pid),
           ("ptdump %d" % ppid, "mm-ptdump %d" % ppid),
           ("maps %d" % pid, "mm-maps %d" % pid),
           ("maps %d" % ppid, "mm-maps %d" % ppid))
    lxps = gdb.execute("lx-ps", to_string=True)
    active = re.search(r"^ *%d .* (0x[0-9a-f]+) \S+$" % pid, lxps, re.M).group(1)
    pgd = int(gdb.parse_and_eval("((struct mm_struct *)%s)->pgd" % active))
    gdb.write("running pid %d: lx-ps active_mm pgd at phys 0x%x, CR3 0x%x\n" % (
        pid, pgd - ptwalk.PAGE_OFFSET, int(gdb.parse_and_eval("$cr3")) & ~0x1F))
    mm = child["mm"]
    text = next(v for v in maps.vmas(mm) if int(v["vm_flags"]) & maps.VM_EXEC)
    for addr in (int(mm["start_stack"]) - 4, int(text["vm_start"]), int(mm["start_brk"])):
        phys = ours(addr)
        if phys == "unmapped":
            gdb.write("user page 0x%08x: unmapped\n" % addr)
            continue
        pfn = int(phys, 16) >> 12
        gdb.write("user page 0x%08x pid %d pfn 0x%x\n" % (addr, pid, pfn))
        out = gdb.execute("mm-page 0x%x" % pfn, to_string=True)
        gdb.write("==== mapped page 0x%x\n%s==== end\n" % (pfn, out))
        for upid, uaddr in re.findall(r"^user: pid (\d+) \S+ at 0x([0-9a-f]+) ", out, re.M):
            gdb.write("mapping of pfn 0x%x: pid %s 0x%s ptwalk=%s\n" % (
                pfn, upid, uaddr, ours(int(uaddr, 16), upid)))


def number(text, pattern):
    """The hex number pattern's group captures in the monitor's output."""
    m = re.search(pattern, text, re.M)
    if not m:
        raise gdb.GdbError("no /%s/ in: %s" % (pattern, text.strip()))
    return int(m.group(1), 16)


def page_kinds(cap):
    """[(kind, pfn)]: a page of each kind the monitor's `page` tells
    apart, some made by the monitor's own commands (so that its objects
    show too), one kmap_atomic'ed by the caller (the last)."""
    mm = gdb.parse_and_eval("current_task->mm")
    size = gdb.lookup_type("struct page").sizeof
    mem_map = int(gdb.parse_and_eval("mem_map"))
    alloc = r"^alloc: pfn 0x([0-9a-f]+) "
    pcp = number(cap.run("alloc 0 normal"), alloc)
    lowmem = number(cap.run("alloc 0 normal"), alloc)
    block = number(cap.run("alloc 2 normal"), alloc)
    high = number(cap.run("alloc 0 highmem"), alloc)
    small = number(cap.run("kmalloc 100"), r"^kmalloc: 100 bytes at 0x([0-9a-f]+) ")
    large = number(cap.run("kmalloc 20000"), r"^kmalloc: 20000 bytes at 0x([0-9a-f]+) ")
    vm = number(cap.run("vmalloc 8192"), r"^vmalloc: 8192 bytes at 0x([0-9a-f]+)-")
    area = next(a["vm"] for a in vmalloc.vmap_areas() if int(a["va_start"]) == vm)
    kmapped = (kmapped_page - mem_map) // size
    cap.run("kmap 0x%x" % kmapped)
    zone = gdb.parse_and_eval("contig_page_data.node_zones[ZONE_NORMAL]")
    lru = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    head = (int(zone["free_area"][10]["free_list"]["next"]) - lru - mem_map) // size
    stack = int(ours(int(mm["start_stack"]) - 4), 16) >> 12
    text = next(v for v in maps.vmas(mm) if int(v["vm_flags"]) & maps.VM_EXEC)
    user = ptdump.Tables(int(mm["pgd"]) - ptwalk.PAGE_OFFSET)
    pte_page = user.pmd(int(text["vm_start"])) >> 12 & 0xFFFFFFFFFF
    zero = int(gdb.parse_and_eval("'memory.c'::zero_page"))
    cap.run("free 0x%x 0" % pcp)	# last: an order-0 page goes to the pcp list
    return [("buddy head", head), ("buddy inside", head + 5), ("per-CPU", pcp),
            ("slab", (small - ptwalk.PAGE_OFFSET) >> 12),
            ("compound tail", ((large - ptwalk.PAGE_OFFSET) >> 12) + 1),
            ("vmalloc", (int(area["pages"][0]) - mem_map) // size),
            ("kmap", kmapped), ("user stack", stack),
            ("user text", int(ours(int(text["vm_start"])), 16) >> 12),
            ("zero page", (zero - mem_map) // size),
            ("PTE page", pte_page), ("PMD page", user.pdpt[0] >> 12 & 0xFFFFFFFFFF),
            ("reserved", 0), ("lowmem", lowmem), ("inside a block", block + 1),
            ("kmap_atomic", high)]


def page_versus():
    """The kernel's `page PFN` against mm-page for each kind of page, all
    under one capture buffer so both see the same free lists:
      page kind KIND pfn 0xPFN, then its ==== kernel: / ==== helper: pair."""
    size = gdb.lookup_type("struct page").sizeof
    mem_map = int(gdb.parse_and_eval("mem_map"))
    with Capture() as cap:
        kinds = page_kinds(cap)
        atomic = int(kutils.kernel_call("kmap_atomic((struct page *)%d)" % (
            mem_map + kinds[-1][1] * size)))
        try:
            for kind, pfn in kinds:
                gdb.write("page kind %s pfn 0x%x\n" % (kind, pfn))
                versus(("page 0x%x" % pfn, "mm-page 0x%x" % pfn), cap=cap)
        finally:
            kutils.kernel_call("kunmap_atomic((void *)%d)" % atomic)


def bad_arguments():
    """Every helper's bad cases, each with a word its message must hold:
      bad-arg COMMAND | WANT | error|python|none | MESSAGE
    error: a gdb.GdbError (one clean line); python: any other exception
    (a traceback); none: the command did not fail."""
    pids = [int(t["pid"]) for t in tasks.for_each_process()]
    nopid = max(pids) + 1
    kthread = next(int(t["pid"]) for t in tasks.for_each_process() if not int(t["mm"]))
    pid = int(gdb.parse_and_eval("current_task->pid"))
    beyond = int(gdb.parse_and_eval("max_pfn"))
    gap = int(gdb.parse_and_eval("(unsigned long)high_memory"))	# the 8 MiB gap
    cases = [("%s x" % c, "usage: %s" % c) for c in (
        "lx-dmesg", "lx-ps", "mm-meminfo", "mm-buddyinfo", "mm-zoneinfo", "mm-slabinfo",
        "mm-vmallocinfo", "mm-pkmap", "mm-fixmap", "mm-layout")]
    # Those taking a pid: not a number, nobody, a kernel thread (no mm).
    for cmd in ("mm-ptwalk 0x1000 %s", "mm-ptdump %s", "mm-maps %s", "mm-vma 0x1000 %s"):
        cases += [(cmd % "zz", "not a number"), (cmd % nopid, "no process")]
        if "ptwalk" not in cmd:		# it walks a kernel thread's active_mm
            cases.append((cmd % kthread, "no user address space (a kernel thread)"))
    cases += [
        ("mm-page", "usage: mm-page"), ("mm-page 1 2", "usage: mm-page"),
        ("mm-page 0xzz", "not a number"), ("mm-page no_such_symbol", "not a number"),
        ("mm-page 0x%x" % beyond, "beyond"), ("mm-page 0x%x" % gap, "not mapped"),
        ("mm-ptwalk", "usage: mm-ptwalk"), ("mm-ptwalk 0xzz", "not a number"),
        ("mm-ptwalk 0x100000000", "not a 32-bit address"),
        ("mm-ptdump 1 2", "usage: mm-ptdump"), ("mm-maps 1 2", "usage: mm-maps"),
        ("mm-vma", "usage: mm-vma"), ("mm-vma zz", "not a number"),
        ("mm-vma 0 %d" % pid, "in no VMA")]
    gdb.write("==== bad arguments\n")
    for cmd, want in cases:
        try:
            out = gdb.execute(cmd, to_string=True)
            kind, msg = "none", out.replace("\n", "\\n")
        except gdb.error as e:
            msg = str(e)
            python = msg.startswith("Error occurred in Python")
            kind = "python" if python else "error"
        gdb.write("bad-arg %s | %s | %s | %s\n" % (cmd, want, kind, msg.replace("\n", "\\n")))
    gdb.write("==== end\n")


def helpers():
    """The lx- and mm- commands defined, for compare.py's list."""
    out = gdb.execute("help user-defined", to_string=True)
    gdb.write("==== helpers\n%s\n==== end\n" % " ".join(
        sorted(set(re.findall(r"^((?:lx|mm)-[a-z]+) --", out, re.M)))))
