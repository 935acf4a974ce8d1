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
# At the prompt run.sh typed ps, meminfo, ... then cmdline: stop in that
# last command, with the same state the others printed, and print each
# helper's view of it (compare.py matches them against the serial log).
break cmd_cmdline
continue
echo ==== lx-ps\n
lx-ps
echo ==== mm-meminfo\n
mm-meminfo
echo ==== mm-buddyinfo\n
mm-buddyinfo
echo ==== mm-zoneinfo\n
mm-zoneinfo
echo ==== mm-slabinfo\n
mm-slabinfo
echo ==== mm-vmallocinfo\n
mm-vmallocinfo
echo ==== end\n
kill
quit
