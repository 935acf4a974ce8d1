"""A process's VMAs: mm-maps PID (/proc/PID/maps, as the monitor's
`maps PID` prints it) and mm-vma ADDR [PID] (the VMA holding ADDR)."""
import gdb
import kutils
import tasks

# include/linux/mm.h, shmem_fs.h, fs.h
VM_READ, VM_WRITE, VM_EXEC, VM_MAYSHARE = 0x1, 0x2, 0x4, 0x80
SHMEM_INO_FIRST, PROC_DYNAMIC_FIRST = 0xE0000000, 0xF0000000
SHMEM_DEV, RAMFS_DEV = (0, 1), (0, 2)
MAPS_WIDTH = 25 + 6 * 4 - 1		# mm/task_mmu.c


def task_or_current(arg, what):
    """The process a PID argument names (none: the one running) and its
    mm; a one-line error if there is none or it is a kernel thread."""
    if arg:
        pid = kutils.parse_number(arg, what)
        task = kutils.find_task(pid)
        if task is None:
            raise gdb.GdbError("%s: no process with pid %d" % (what, pid))
    else:
        task = kutils.sym("current_task")
    mm, kthread = task["mm"], int(task["flags"]) & tasks.PF_KTHREAD
    if not int(mm) or kthread:	# as the kernel's get_task_mm
        raise gdb.GdbError("%s: pid %d has no user address space (%s)" % (
            what, int(task["pid"]), "a kernel thread" if kthread else "it has exited"))
    return task, mm


def vmas(mm):
    vma = mm["mmap"]
    while int(vma):
        yield vma
        vma = vma["vm_next"]


def ramfs_path(inode):
    """d_path: the names up to the root, which is its own parent."""
    parts = []
    while int(inode["i_parent"]) != int(inode):
        parts.append(inode["i_name"].string())
        inode = inode["i_parent"]
    return "/" + "/".join(reversed(parts))


def vma_line(mm, vma):
    """show_map_vma (mm/task_mmu.c)."""
    flags, inode = int(vma["vm_flags"]), vma["vm_file"]
    name, ino, pgoff, dev = None, 0, 0, (0, 0)
    if int(inode):
        ino = int(inode["i_ino"])
        pgoff = int(vma["vm_pgoff"]) << kutils.PAGE_SHIFT
        shmem = SHMEM_INO_FIRST <= ino < PROC_DYNAMIC_FIRST
        dev = SHMEM_DEV if shmem else RAMFS_DEV
        name = "/dev/zero (deleted)" if shmem else ramfs_path(inode)
    elif int(vma["vm_start"]) <= int(mm["brk"]) and int(vma["vm_end"]) >= int(mm["start_brk"]):
        name = "[heap]"
    elif int(vma["vm_start"]) <= int(mm["start_stack"]) <= int(vma["vm_end"]):
        name = "[stack]"
    line = "%08x-%08x %s%s%s%s %08x %02x:%02x %d " % (
        int(vma["vm_start"]), int(vma["vm_end"]),
        "r" if flags & VM_READ else "-", "w" if flags & VM_WRITE else "-",
        "x" if flags & VM_EXEC else "-", "s" if flags & VM_MAYSHARE else "p",
        pgoff, dev[0], dev[1], ino)
    if name:
        line += " " * (MAPS_WIDTH - len(line) + 1 if len(line) < MAPS_WIDTH else 1) + name
    return line + "\n"


class MmMaps(gdb.Command):
    """mm-maps [PID]: a process's VMAs as /proc/PID/maps (default: the
running task)."""

    def __init__(self):
        super().__init__("mm-maps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if len(arg.split()) > 1:
            raise gdb.GdbError("usage: mm-maps [PID]")
        task, mm = task_or_current(arg.strip(), "mm-maps")
        for vma in vmas(mm):
            gdb.write(vma_line(mm, vma))


class MmVma(gdb.Command):
    """mm-vma ADDR [PID]: the VMA holding ADDR, with its struct fields
(default: the running task's)."""

    def __init__(self):
        super().__init__("mm-vma", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = arg.split()
        if not 1 <= len(args) <= 2:
            raise gdb.GdbError("usage: mm-vma ADDR [PID]")
        addr = kutils.parse_number(args[0], "mm-vma")
        task, mm = task_or_current(args[1] if len(args) > 1 else "", "mm-vma")
        for vma in vmas(mm):
            if int(vma["vm_start"]) <= addr < int(vma["vm_end"]):
                gdb.write(vma_line(mm, vma))
                gdb.write("(struct vm_area_struct *)0x%08x vm_flags 0x%x "
                          "vm_pgoff 0x%x vm_page_prot 0x%x\n" % (
                              int(vma), int(vma["vm_flags"]), int(vma["vm_pgoff"]),
                              int(vma["vm_page_prot"]["pgprot"])))
                return
        raise gdb.GdbError("mm-vma: 0x%08x is in no VMA of pid %d" % (addr, int(task["pid"])))


MmMaps()
MmVma()
