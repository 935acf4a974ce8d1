; Ring-3 code for the `user` suite (tests/kernel/test_user.c).  The test
; copies everything from user_blob_start to user_blob_end into a user page
; mapped at USER_CODE and starts a process at one of the entry points.
; The code is position-independent; it writes what each system call
; returned to the data page at USER_DATA, which the test then reads.

global user_blob_start, user_blob_end
global user_entry_syscalls, user_entry_null, user_entry_cli, user_entry_ud2
global user_entry_time, user_entry_anon, user_entry_write_ro
global user_entry_stack, user_entry_mm, user_entry_fork
global user_entry_rlimit, user_entry_nx

USER_DATA	equ 0x08049000
DESC		equ USER_DATA + 64	; struct user_desc, filled by the test
TLS_AREA	equ USER_DATA + 128	; what %gs:0 must read
UTS		equ USER_DATA + 256	; struct new_utsname

;; SYS nr, ebx, ecx, edx, esi: eax is loaded first, so an argument
;; may not be eax itself.
%macro SYS 1-5
	mov eax, %1
%if %0 > 1
	mov ebx, %2
%endif
%if %0 > 2
	mov ecx, %3
%endif
%if %0 > 3
	mov edx, %4
%endif
%if %0 > 4
	mov esi, %5
%endif
	int 0x80
%endmacro

section .rodata
bits 32

user_blob_start:
user_entry_syscalls:
	SYS 20				; getpid
	mov [USER_DATA + 0], eax
	call .here
.here:	pop ecx
	add ecx, msg - .here
	SYS 4, 1, ecx, msg_len		; write(1, msg, len)
	mov [USER_DATA + 4], eax
	SYS 4, 1, 0xc0000000, 4		; a kernel address: -EFAULT
	mov [USER_DATA + 8], eax
	SYS 4, 1, 0x00400000, 4		; unmapped user memory: -EFAULT
	mov [USER_DATA + 12], eax
	SYS 999				; no such call: -ENOSYS
	mov [USER_DATA + 16], eax
	SYS 4, 7, USER_DATA, 4		; fd 7 is not open: -EBADF
	mov [USER_DATA + 20], eax
	SYS 243, DESC			; set_thread_area(&desc)
	mov [USER_DATA + 24], eax
	mov eax, [DESC]			; the entry it chose
	mov [USER_DATA + 28], eax
	lea eax, [eax * 8 + 3]
	mov gs, ax
	mov eax, [gs:0]			; through the TLS segment
	mov [USER_DATA + 32], eax
	SYS 122, UTS			; uname
	mov [USER_DATA + 36], eax
	SYS 243, DESC + 16		; set_thread_area: that entry emptied
	mov [USER_DATA + 40], eax
	SYS 20				; back to user mode with the old %gs
	mov eax, gs			; ... which became the null selector
	mov [USER_DATA + 44], eax
	SYS 1, 42			; exit(42)
	ud2

; Clocks, sleeping, the parent, glibc's start-up calls.  Results from
; USER_DATA + 448 on; timespecs at +400 (before), +416 (after), +432 (the
; 30 ms the test asks to sleep), +480 (the 32-bit call's).
user_entry_time:
	SYS 403, 1, USER_DATA + 400		; clock_gettime64(MONOTONIC)
	mov [USER_DATA + 448], eax
	SYS 407, 1, 0, USER_DATA + 432, 0	; clock_nanosleep_time64
	mov [USER_DATA + 452], eax
	SYS 403, 1, USER_DATA + 416
	mov [USER_DATA + 456], eax
	SYS 64					; getppid
	mov [USER_DATA + 460], eax
	SYS 311, USER_DATA, 12			; set_robust_list
	mov [USER_DATA + 464], eax
	SYS 311, USER_DATA, 11			; a wrong size: -EINVAL
	mov [USER_DATA + 468], eax
	SYS 403, 99, USER_DATA + 400		; no clock 99: -EINVAL
	mov [USER_DATA + 472], eax
	SYS 265, 0, USER_DATA + 480		; clock_gettime (32-bit)
	mov [USER_DATA + 476], eax
	SYS 252, 0				; exit_group(0)

; Demand paging: the test maps ANON (4 pages, read-write) and RO
; (read-only), both anonymous and private, and a VM_GROWSDOWN stack
; VMA ending at STK.  Results from USER_DATA + 500 on.
ANON	equ 0x10000000
RO	equ 0x10010000
STK	equ 0x20000000

user_entry_anon:
	mov eax, [ANON]			; a read: the zero page
	mov [USER_DATA + 500], eax
	mov dword [ANON + 0x1000], 7	; a write: a page of its own
	mov eax, [ANON + 0x1000]
	mov [USER_DATA + 504], eax
	mov dword [ANON], 9		; a write after a read: copy-on-write
	mov eax, [ANON]
	mov [USER_DATA + 508], eax
	mov eax, [RO]			; reading read-only memory is fine
	mov [USER_DATA + 512], eax
	SYS 1, 0

user_entry_write_ro:
	mov dword [RO], 1		; writing it is not: SIGSEGV
	SYS 1, 0

user_entry_stack:
	mov esp, STK
	mov ecx, 3 * 1024		; 12 KiB of pushes: the stack grows
.push:	push ecx
	loop .push
	mov [USER_DATA + 516], esp
	SYS 1, 0

; brk, mmap2, mprotect, munmap, madvise.  The test sets start_brk = brk
; = HEAP; results from USER_DATA + 520 on.
user_entry_mm:
	SYS 45, 0			; brk(0): where the break is
	mov [USER_DATA + 520], eax
	lea ebx, [eax + 0x3000]
	mov eax, 45			; brk(+12 KiB)
	int 0x80
	mov [USER_DATA + 524], eax
	mov edi, [USER_DATA + 520]
	mov dword [edi], 5		; the heap pages fault in
	mov dword [edi + 0x2000], 6
	mov eax, 192			; mmap2(0, 64K, RW, PRIVATE|ANON, -1, 0)
	xor ebx, ebx
	mov ecx, 0x10000
	mov edx, 3
	mov esi, 0x22
	mov edi, -1
	xor ebp, ebp
	int 0x80
	mov [USER_DATA + 528], eax
	mov edi, eax
	mov dword [edi + 0x8000], 8
	SYS 125, edi, 0x1000, 1		; mprotect(first page, PROT_READ)
	mov [USER_DATA + 532], eax
	lea ebx, [edi + 0x4000]
	SYS 91, ebx, 0x4000		; munmap of a middle part
	mov [USER_DATA + 536], eax
	lea ebx, [edi + 0x8000]
	SYS 219, ebx, 0x1000, 4		; madvise(MADV_DONTNEED)
	mov [USER_DATA + 540], eax
	mov eax, [edi + 0x8000]		; zero again
	mov [USER_DATA + 544], eax
	lea ebx, [edi + 1]
	SYS 91, ebx, 0x1000		; misaligned: -EINVAL
	mov [USER_DATA + 548], eax
	mov eax, 192			; a file mapping of fd 3: -EBADF
	xor ebx, ebx
	mov ecx, 0x1000
	mov edx, 1
	mov esi, 2
	mov edi, 3
	xor ebp, ebp
	int 0x80
	mov [USER_DATA + 552], eax
	SYS 1, 0

; fork: parent and child each see only their own writes to ANON (private,
; copy-on-write); both write the shared USER_DATA page.  The child exits
; with 10 * what it read + what it read after its write.
user_entry_fork:
	mov dword [ANON], 1
	SYS 2				; fork()
	test eax, eax
	jz .child
	mov [USER_DATA + 560], eax
	mov ebx, eax
	SYS 114, ebx, USER_DATA + 564, 0, 0	; wait4(child, &status, 0, NULL)
	mov [USER_DATA + 568], eax
	mov eax, [ANON]			; still 1: the child wrote its own copy
	mov [USER_DATA + 572], eax
	mov dword [ANON], 3		; the only user now: no copy
	mov eax, [ANON]
	mov [USER_DATA + 576], eax
	SYS 1, 0
.child:
	SYS 20				; getpid, into the shared page
	mov [USER_DATA + 580], eax
	mov eax, [ANON]
	imul eax, eax, 10
	mov dword [ANON], 2
	add eax, [ANON]
	mov ebx, eax
	SYS 1, ebx			; exit(12)

; Resource limits: read RLIMIT_STACK, cap RLIMIT_AS at what the test put
; at +608, then a mapping past it fails and a small one works.
user_entry_rlimit:
	SYS 191, 3, USER_DATA + 600		; ugetrlimit(RLIMIT_STACK)
	mov [USER_DATA + 592], eax
	SYS 340, 0, 9, USER_DATA + 608, USER_DATA + 624	; prlimit64(0, AS)
	mov [USER_DATA + 596], eax
	mov eax, 192			; mmap2 of 32 MiB: past RLIMIT_AS
	xor ebx, ebx
	mov ecx, 0x2000000
	mov edx, 3
	mov esi, 0x22
	mov edi, -1
	xor ebp, ebp
	int 0x80
	mov [USER_DATA + 640], eax
	mov eax, 192			; 1 MiB fits
	xor ebx, ebx
	mov ecx, 0x100000
	int 0x80
	mov [USER_DATA + 644], eax
	SYS 76, 9, USER_DATA + 648		; old getrlimit(RLIMIT_AS)
	mov [USER_DATA + 656], eax
	SYS 1, 0

; Code written into a read-write page, then run: "mov eax, 1; mov ebx,
; 77; int 0x80".  With NX the fetch faults; without, it exits with 77.
user_entry_nx:
	mov dword [ANON], 0x000001b8
	mov dword [ANON + 4], 0x004dbb00
	mov dword [ANON + 8], 0x80cd0000
	mov eax, ANON
	jmp eax

user_entry_null:
	mov eax, [0]			; NULL: segfault
	SYS 1, 0

user_entry_cli:
	cli				; privileged: general protection fault
	SYS 1, 0

user_entry_ud2:
	ud2				; invalid opcode
	SYS 1, 0

msg:	db "hello from ring 3", 10
msg_len	equ $ - msg
user_blob_end:
