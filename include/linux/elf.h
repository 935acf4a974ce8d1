/*
 * The 32-bit ELF file format as an i386 Linux executable uses it: the file
 * header, the program headers and the auxiliary vector's tags, with the
 * values of Linux's include/uapi/linux/elf.h and auxvec.h.  Only what
 * execve needs; sections and symbols are the linker's business.
 */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H

#include <linux/types.h>

typedef u32 Elf32_Addr;
typedef u16 Elf32_Half;
typedef u32 Elf32_Off;
typedef s32 Elf32_Sword;
typedef u32 Elf32_Word;

/* e_ident[]: where each identification byte sits, and its values. */
#define EI_MAG0		0
#define EI_MAG1		1
#define EI_MAG2		2
#define EI_MAG3		3
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define EI_PAD		8
#define EI_NIDENT	16

#define ELFMAG		"\177ELF"
#define SELFMAG		4

#define ELFCLASSNONE	0
#define ELFCLASS32	1
#define ELFCLASS64	2

#define ELFDATANONE	0
#define ELFDATA2LSB	1	/* little-endian, as on x86 */
#define ELFDATA2MSB	2

#define EV_NONE		0
#define EV_CURRENT	1

/* e_type */
#define ET_NONE		0
#define ET_REL		1
#define ET_EXEC		2
#define ET_DYN		3	/* shared object, PIE and static PIE */
#define ET_CORE		4

/* e_machine: the few a reader of an i386 kernel meets */
#define EM_NONE		0
#define EM_386		3
#define EM_486		6	/* Linux accepts it as EM_386 (elf_check_arch) */
#define EM_ARM		40
#define EM_X86_64	62

typedef struct elf32_hdr {
	unsigned char e_ident[EI_NIDENT];
	Elf32_Half e_type;
	Elf32_Half e_machine;
	Elf32_Word e_version;
	Elf32_Addr e_entry;
	Elf32_Off e_phoff;		/* program header table, file offset */
	Elf32_Off e_shoff;
	Elf32_Word e_flags;
	Elf32_Half e_ehsize;
	Elf32_Half e_phentsize;
	Elf32_Half e_phnum;
	Elf32_Half e_shentsize;
	Elf32_Half e_shnum;
	Elf32_Half e_shstrndx;
} Elf32_Ehdr;

/* p_type */
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_SHLIB	5
#define PT_PHDR		6
#define PT_TLS		7
#define PT_LOOS		0x60000000
#define PT_GNU_EH_FRAME	0x6474e550
#define PT_GNU_STACK	0x6474e551	/* p_flags: is the stack executable */
#define PT_GNU_RELRO	0x6474e552
#define PT_GNU_PROPERTY	0x6474e553

/* p_flags */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct elf32_phdr {
	Elf32_Word p_type;
	Elf32_Off p_offset;
	Elf32_Addr p_vaddr;
	Elf32_Addr p_paddr;
	Elf32_Word p_filesz;		/* bytes in the file */
	Elf32_Word p_memsz;		/* bytes in memory: the rest is bss */
	Elf32_Word p_flags;
	Elf32_Word p_align;
} Elf32_Phdr;

/*
 * Auxiliary vector tags (include/uapi/linux/auxvec.h, and the x86 ones
 * from arch/x86/include/uapi/asm/auxvec.h).  Each entry is a pair
 * (tag, value) of elf_addr_t, the vector ends with AT_NULL.
 */
#define AT_NULL		0
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* program headers' user address */
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7	/* interpreter's load address: 0 here */
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15	/* user address of "i686" */
#define AT_HWCAP	16	/* CPUID.1:EDX */
#define AT_CLKTCK	17	/* USER_HZ, what times() counts in */
#define AT_SECURE	23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25	/* user address of 16 random bytes */
#define AT_HWCAP2	26
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN	28
#define AT_EXECFN	31	/* user address of the path execve was given */
#define AT_SYSINFO	32	/* x86: vDSO's syscall entry */
#define AT_SYSINFO_EHDR	33	/* x86: vDSO's ELF header */
#define AT_MINSIGSTKSZ	51

#endif /* _LINUX_ELF_H */
