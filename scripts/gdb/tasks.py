"""lx-ps: every task with its state and address space."""
import gdb
import kutils

# include/linux/sched.h
TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_DEAD = 0, 1, 64
EXIT_ZOMBIE, EXIT_DEAD = 16, 32
PF_KTHREAD = 0x00200000
NR_MM_COUNTERS = 3		# include/linux/mm_types.h: file, anon, shmem


def task_state(p):
    """The letter /proc/PID/stat shows (kernel/proc.c task_state)."""
    exit_state, state = int(p["exit_state"]), int(p["state"])
    if exit_state == EXIT_ZOMBIE:
        return "Z"
    if exit_state == EXIT_DEAD or state == TASK_DEAD:
        return "X"
    return {TASK_RUNNING: "R", TASK_INTERRUPTIBLE: "S"}.get(state, "D")


def mm_rss(mm):
    return sum(int(mm["rss_stat"][i]["counter"]) for i in range(NR_MM_COUNTERS))


def for_each_process():
    task_t = gdb.lookup_type("struct task_struct")
    return kutils.list_for_each_entry(kutils.sym("init_task")["tasks"],
                                      task_t, "tasks")


class LxPs(gdb.Command):
    """List the tasks: the monitor's `ps` columns, then the task_struct,
mm and active_mm addresses (0 for none: a kernel thread borrows the
previous task's mm as active_mm)."""

    def __init__(self):
        super().__init__("lx-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("usage: lx-ps")
        gdb.write("  PID  PPID STAT    VSZ   RSS TASK       MM         "
                  "ACTIVE_MM  COMMAND\n")
        for p in for_each_process():
            mm = p["mm"]
            kthread = (int(p["flags"]) & PF_KTHREAD) or not int(mm)
            vsz = rss = 0
            if not kthread:
                vsz = int(mm["total_vm"]) << (kutils.PAGE_SHIFT - 10)
                rss = mm_rss(mm) << (kutils.PAGE_SHIFT - 10)
            parent = p["real_parent"]
            comm = p["comm"].string()
            if kthread:
                comm = "[%s]" % comm
            if int(p["exit_state"]) == EXIT_ZOMBIE:
                comm += " <defunct>"
            gdb.write("%5d %5d %-4s %6d %5d 0x%08x 0x%08x 0x%08x %s\n" % (
                int(p["pid"]), int(parent["pid"]) if int(parent) else 0,
                task_state(p), vsz, rss, int(p), int(mm),
                int(p["active_mm"]), comm))


LxPs()
