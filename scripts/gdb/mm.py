"""GDB helpers for the kernel, named after Linux's scripts/gdb commands
(lx-*) where Linux has one, mm-* otherwise.  Each reads the kernel's own
data structures through its symbols and types, so it works wherever the
kernel is stopped.  Loaded by scripts/gdb/kernel.gdb (make gdb) and by the
GDB test; `help user-defined` lists them.

  lx-dmesg       the kernel log (printk's log_buf)      dmesg.py
  lx-ps          tasks: pid, state, mm, active_mm       tasks.py
  mm-meminfo     /proc/meminfo                          buddy.py
  mm-buddyinfo   /proc/buddyinfo                        buddy.py
  mm-zoneinfo    /proc/zoneinfo                         buddy.py
  mm-slabinfo    /proc/slabinfo                         slab.py
  mm-vmallocinfo /proc/vmallocinfo                      vmalloc.py
  mm-maps        /proc/PID/maps                         maps.py
  mm-vma         the VMA holding an address             maps.py
  mm-ptwalk      a PAE page-table walk, level by level  ptwalk.py
  mm-ptdump      page tables as runs with attributes    ptdump.py
  mm-pkmap       kmap's slots in use                    highmem.py
  mm-fixmap      the fixmap's mapped slots              highmem.py
  mm-page        a struct page decoded, and its owner   page.py
  mm-layout      the kernel's virtual memory layout     layout.py
"""
import importlib
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

for _name in ("kutils", "dmesg", "tasks", "buddy", "slab", "vmalloc", "maps",
              "ptwalk", "highmem", "ptdump", "page", "layout"):
    if _name in sys.modules:
        importlib.reload(sys.modules[_name])	# `source` again picks up edits
    else:
        importlib.import_module(_name)
