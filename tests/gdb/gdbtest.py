# The GDB test's Python side (sourced by tests/gdb/boot.gdb): prints the
# helpers' output between `==== NAME` lines for compare.py.  A helper
# that fails prints its error in its section and the test goes on.
import re
import gdb
import ptwalk


def show(*commands):
    """Each helper's output under its own heading."""
    for cmd in commands:
        gdb.write("==== %s\n" % cmd)
        try:
            gdb.write(gdb.execute(cmd, to_string=True))
        except gdb.error as e:
            gdb.write("error: %s\n" % e)
    gdb.write("==== end\n")


def kernel_call(expr):
    """Evaluates a call into the kernel with interrupts off, so that no
    timer tick schedules another task in the middle of it."""
    eflags = int(gdb.parse_and_eval("$eflags"))
    gdb.execute("set $eflags = %d" % (eflags & ~0x200))
    try:
        return gdb.parse_and_eval(expr)
    finally:
        gdb.execute("set $eflags = %d" % eflags)


def make_mappings():
    """Something for mm-vmallocinfo and mm-pkmap to show: at the prompt
    there is none.  2 is __GFP_HIGHMEM (include/linux/gfp.h)."""
    addr = int(kernel_call("vmalloc(5 * 4096)"))
    gdb.write("vmalloc area for the test at 0x%08x\n" % addr)
    global kmapped_page
    kmapped_page = page = int(kernel_call("alloc_pages(2, 0)"))
    addr = int(kernel_call("kmap((struct page *)%d)" % page))
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
