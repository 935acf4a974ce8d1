/*
 * start_kernel: the C entry point, called by boot/head.asm on the boot
 * stack with paging on (Linux: init/main.c).  The order matters: the
 * console first so every later step can speak, the boot information
 * before anything that depends on the command line, the descriptor tables
 * before interrupts are enabled.
 */
#include <linux/bench.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/binfmts.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/monitor.h>
#include <linux/moduleparam.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/serial.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/msr.h>
#include <asm/reboot.h>
#include <asm/setup.h>

void run_selftests_if_requested(void);
void printk_log_dump(void);

static const char linux_banner[] =
	"mmkernel version 0.1 (i386 PAE) (" __VERSION__ ")\n";

/* pid 1: the self-tests, the benchmarks, or the monitor. */
static int kernel_init(void *unused)
{
	run_init_process_if_requested();
	run_bench_if_requested();
	run_selftests_if_requested();
	monitor_run();
}

/*
 * The part of boot that is not __init: start pid 1, then become the idle
 * task (Linux's rest_init and cpu_startup_entry).
 */
static noinline __noreturn void rest_init(void)
{
	if (!kthread_run(kernel_init, NULL, "kernel_init"))
		panic("rest_init: cannot start kernel_init");
	cpu_idle();
}

__noreturn void __init start_kernel(u32 magic, u32 mbi_phys)
{
	boot_tsc_start = rdtsc();	/* for make bench: boot_to_memory, boot_to_prompt */
	(void)magic;
	(void)mbi_phys;
	serial_init();
	/* Exceptions get reports from here on, not a silent triple fault. */
	cpu_init_tss();
	idt_setup();
	printk(KERN_NOTICE "%s", linux_banner);
	setup_arch();
	fpu__init_cpu();	/* x87 and SSE for user space (needs CPUID) */
	mem_init();		/* memblock_free_all: the buddy allocator runs */
	kmem_cache_init();	/* slab caches and kmalloc */
	vmalloc_init();
	mmap_init();		/* the vm_area_struct cache */
	zero_page_init();	/* what untouched anonymous memory reads as */
	populate_rootfs();	/* the initramfs modules into ramfs */
	sched_init();
	init_IRQ();
	time_init();
	local_irq_enable();
	parse_late_param(boot_command_line);
	rest_init();
}

static int cmd_cmdline(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mon_printf("%s\n", boot_command_line);
	return 0;
}
DEFINE_MONITOR_CMD("cmdline", "cmdline", "the kernel command line", cmd_cmdline);

static int cmd_dmesg(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printk_log_dump();
	return 0;
}
DEFINE_MONITOR_CMD("dmesg", "dmesg", "the kernel log", cmd_dmesg);

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	monitor_objects_report_left();	/* what alloc, kmalloc... still hold */
	machine_power_off(POWEROFF_SUCCESS);
}
DEFINE_MONITOR_CMD("poweroff", "poweroff", "power the machine off (QEMU exits)", cmd_poweroff);

static int cmd_reboot(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	monitor_objects_report_left();
	machine_restart();
}
DEFINE_MONITOR_CMD("reboot", "reboot", "restart the machine", cmd_reboot);

static int cmd_uptime(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	mon_printf("jiffies %lu (HZ=%d), %lu.%02lu s\n", jiffies, HZ,
		   jiffies / HZ, jiffies % HZ);
	return 0;
}
DEFINE_MONITOR_CMD("uptime", "uptime", "jiffies since the timer started", cmd_uptime);
