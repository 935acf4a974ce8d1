# GDB set-up for the kernel: `make debug` in one terminal, `make gdb` in
# another.  The kernel runs in 32-bit protected mode at 0xC0100000; its ELF
# symbols are the running addresses, so breakpoints just work.
set pagination off
set architecture i386
source scripts/gdb/mm.py
target remote 127.0.0.1:1234
echo Attached. Try: break start_kernel, continue, bt, lx-dmesg; `help user-defined` lists the lx-/mm- helpers\n
