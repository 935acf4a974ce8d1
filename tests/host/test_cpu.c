/*
 * Host tests for the CPU line of arch/x86/kernel/cpu.c: the model name
 * and vendor as Linux prints them, from what CPUID says on QEMU's models
 * (brand strings and signatures as QEMU 7.2 reports them).
 *
 * host-test-sources: arch/x86/kernel/cpu.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/string.h>
#include <asm/processor.h>

static const struct {
	const char *cpu;		/* QEMU's -cpu, or what it stands for */
	const char *vendor_id;
	u32 family, model, stepping;
	const char *brand;		/* "": no brand string */
	const char *line;
} cpus[] = {
	{ "core2duo", "GenuineIntel", 6, 15, 11,
	  "Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz",
	  "CPU: Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz (family: 0x6, model: 0xf, stepping: 0xb)\n" },
	{ "pentium3", "GenuineIntel", 6, 7, 3, "",
	  "CPU: Intel Pentium III (Katmai) (family: 0x6, model: 0x7, stepping: 0x3)\n" },
	{ "pentium2", "GenuineIntel", 6, 5, 2, "",
	  "CPU: Intel Pentium II (Deschutes) (family: 0x6, model: 0x5, stepping: 0x2)\n" },
	{ "qemu32", "GenuineIntel", 6, 6, 3, "QEMU Virtual CPU version 2.5+",
	  "CPU: Intel QEMU Virtual CPU version 2.5+ (family: 0x6, model: 0x6, stepping: 0x3)\n" },
	{ "max", "AuthenticAMD", 6, 6, 3, "QEMU TCG CPU version 2.5+",
	  "CPU: AMD QEMU TCG CPU version 2.5+ (family: 0x6, model: 0x6, stepping: 0x3)\n" },
	{ "athlon", "AuthenticAMD", 6, 2, 3, "QEMU Virtual CPU version 2.5+",
	  "CPU: AMD QEMU Virtual CPU version 2.5+ (family: 0x6, model: 0x2, stepping: 0x3)\n" },
	{ "Am5x86", "AuthenticAMD", 4, 15, 4, "",
	  "CPU: AMD Am5x86-WB (family: 0x4, model: 0xf, stepping: 0x4)\n" },
	{ "brand with blanks around it", "AuthenticAMD", 15, 107, 1,
	  "   AMD Athlon(tm) 64 Processor 3200+    ",
	  "CPU: AMD Athlon(tm) 64 Processor 3200+ (family: 0xf, model: 0x6b, stepping: 0x1)\n" },
	{ "model not in the table", "GenuineIntel", 6, 2, 1, "",
	  "CPU: Intel 06/02 (family: 0x6, model: 0x2, stepping: 0x1)\n" },
	{ "unknown vendor", "SomeVendorID", 6, 1, 0, "",
	  "CPU: SomeVendorID 06/01 (family: 0x6, model: 0x1, stepping: 0x0)\n" },
	{ "Centaur", "CentaurHauls", 6, 9, 8, "VIA Nehemiah",
	  "CPU: Centaur VIA Nehemiah (family: 0x6, model: 0x9, stepping: 0x8)\n" },
};

static void test_cpu_line(struct ktest *test)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	size_t i, mark;

	for (i = 0; i < ARRAY_SIZE(cpus); i++) {
		memset(c, 0, sizeof(*c));
		strlcpy(c->x86_vendor_id, cpus[i].vendor_id,
			sizeof(c->x86_vendor_id));
		strlcpy(c->x86_model_id, cpus[i].brand,
			sizeof(c->x86_model_id));
		c->x86 = cpus[i].family;
		c->x86_model = cpus[i].model;
		c->x86_stepping = cpus[i].stepping;
		cpu_model_name_init(c);
		mark = printk_log_pos();
		print_cpu_info();
		if (!printk_log_find(mark, cpus[i].line)) {
			ktest_fail_msg(test, __FILE__, __LINE__, cpus[i].cpu);
			pr_info("    # expected: %s", cpus[i].line);
		}
	}
}

KTEST_SUITE(cpu, KTEST_CASE(test_cpu_line));
