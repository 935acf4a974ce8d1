# `make layout` (scripts/layout/run.sh): at the prompt run.sh typed
# `run /bin/mmdemo`; stop its child in do_exit, its mm still whole, make
# a few vmalloc areas (one freed again, leaving a hole) and a kmap, then
# draw everything and three page-table walks.  Then let the kernel run
# the monitor commands typed after mmdemo (their output in the boot log
# shows the same areas) up to poweroff, and stop it there.  run.sh sets
# $layout_dir on gdb's command line.
set pagination off
set confirm off
set architecture i386
source scripts/gdb/mm.py
source scripts/layout/gdb_layout.py
break do_exit if current_task->mm != 0
continue
delete
python layout_mappings()
python draw_all(gdb.convenience_variable("layout_dir").string())
break cmd_poweroff
continue
kill
quit
