# The GDB test (tests/gdb/run.sh): break at start_kernel, look at the
# arguments, globals and the backtrace, then at rest_init, then read the
# log through lx-dmesg.  run.sh checks the output.
set pagination off
set confirm off
set architecture i386
source scripts/gdb/mm.py
break start_kernel
continue
bt
print/x boot_magic
print/x $cr0
break rest_init
continue
bt
print boot_info.boot_loader_name
print tsc_khz > 0
lx-dmesg
# At the prompt run.sh typed ps, meminfo, ... then cmdline.  Stop in ps,
# the first, and have the kernel vmalloc an area and kmap a highmem page
# (vmallocinfo and pkmap would be empty); then stop in cmdline, the last, with the same state the others
# printed, and print each helper's view of it (compare.py matches them
# against the serial log).
source tests/gdb/gdbtest.py
break cmd_ps
continue
python make_mappings()
delete
break cmd_cmdline
continue
python show("lx-ps", "mm-meminfo", "mm-buddyinfo", "mm-zoneinfo", "mm-slabinfo", "mm-vmallocinfo",\
	"mm-pkmap", "mm-fixmap", "mm-ptdump", "mm-layout", "lx-dmesg")
# Then `run /bin/mmdemo`: stop its child in do_exit, its mm still whole,
# after it printed its own /proc/self/maps.
delete
break do_exit if current_task->mm != 0
continue
python show("mm-maps", "mm-vma 0x%x" % (int(gdb.parse_and_eval("current_task->mm->start_stack")) - 4))
python show_pages()
python ptwalk_vs_qemu()
# The kernel's own ps, ptdump and maps for this state (it runs them
# when called from here), user mappings, bad arguments, the helper list.
python user_state()
python page_versus()
python bad_arguments()
python helpers()
kill
quit
