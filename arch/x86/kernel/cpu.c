/*
 * CPU identification (Linux: arch/x86/kernel/cpu/common.c) and the NX
 * switch (arch/x86/mm/setup_nx.c).  boot/head.asm has already refused a
 * CPU without PAE; here we learn the rest once and print it.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <asm/msr.h>
#include <asm/processor.h>

struct cpuinfo_x86 boot_cpu_data;

/* Brand string from CPUID 0x80000002-4, trimmed of leading blanks. */
static void get_model_name(struct cpuinfo_x86 *c)
{
	u32 *v = (u32 *)c->x86_model_id;
	char *p = c->x86_model_id;
	u32 leaf;

	for (leaf = 0; leaf < 3; leaf++)
		cpuid(0x80000002 + leaf, &v[leaf * 4], &v[leaf * 4 + 1],
		      &v[leaf * 4 + 2], &v[leaf * 4 + 3]);
	c->x86_model_id[48] = '\0';
	while (*p == ' ')
		p++;
	memmove(c->x86_model_id, p, strlen(p) + 1);
}

static void cpu_detect(struct cpuinfo_x86 *c)
{
	u32 eax, ebx, ecx, edx, max_ext;

	cpuid(0, &c->cpuid_level, &ebx, &ecx, &edx);
	memcpy(c->x86_vendor_id, &ebx, 4);
	memcpy(c->x86_vendor_id + 4, &edx, 4);
	memcpy(c->x86_vendor_id + 8, &ecx, 4);
	c->x86_vendor_id[12] = '\0';

	cpuid(1, &eax, &ebx, &c->features_ecx, &c->features_edx);
	c->x86 = (eax >> 8) & 0xf;
	c->x86_model = (eax >> 4) & 0xf;
	c->x86_stepping = eax & 0xf;
	if (c->x86 == 0xf)
		c->x86 += (eax >> 20) & 0xff;
	if (c->x86 >= 0x6)
		c->x86_model += ((eax >> 16) & 0xf) << 4;

	/*
	 * Without CPUID leaf 0x80000008, Linux assumes 36 bits for any PAE
	 * CPU.  QEMU's qemu32 (no PSE36) treats bits 32-35 of a PTE as
	 * reserved, though, so we believe 36 only when PSE36 says so.
	 */
	c->x86_phys_bits = (c->features_edx & X86_FEATURE_PSE36) ? 36 : 32;
	cpuid(0x80000000, &max_ext, &ebx, &ecx, &edx);
	if (max_ext >= 0x80000001)
		cpuid(0x80000001, &eax, &ebx, &ecx, &c->ext_features_edx);
	if (max_ext >= 0x80000004)
		get_model_name(c);
	else
		strlcpy(c->x86_model_id, "unknown", sizeof(c->x86_model_id));
	if (max_ext >= 0x80000008) {
		cpuid(0x80000008, &eax, &ebx, &ecx, &edx);
		c->x86_phys_bits = eax & 0xff;
	}
}

/*
 * NX only means something once EFER.NXE is set; until then bit 63 of a PTE
 * is reserved and setting it faults.  So page-table code must ask
 * boot_cpu_has_nx() before using _PAGE_NX.
 */
static void x86_configure_nx(void)
{
	if (boot_cpu_has_nx()) {
		wrmsrl(MSR_EFER, rdmsrl(MSR_EFER) | EFER_NX);
		pr_info("NX (Execute Disable) protection: active\n");
	} else {
		pr_notice("Notice: NX (Execute Disable) protection missing in CPU!\n");
	}
}

void early_cpu_init(void)
{
	cpu_detect(&boot_cpu_data);
	print_cpu_info();
	x86_configure_nx();
}

/*
 * The flags we care about, in /proc/cpuinfo's order (CPUID bit order, the
 * extended leaf's nx last).
 */
const char *cpu_flags_string(void)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%s%s%s%s%s%s",
		 boot_cpu_has(X86_FEATURE_PSE) ? " pse" : "",
		 boot_cpu_has(X86_FEATURE_TSC) ? " tsc" : "",
		 boot_cpu_has(X86_FEATURE_PAE) ? " pae" : "",
		 boot_cpu_has(X86_FEATURE_APIC) ? " apic" : "",
		 boot_cpu_has(X86_FEATURE_PGE) ? " pge" : "",
		 boot_cpu_has_nx() ? " nx" : "");
	return buf;
}

/* Linux prints the maker's short name, not the CPUID string. */
static const char *cpu_vendor_name(const struct cpuinfo_x86 *c)
{
	if (strcmp(c->x86_vendor_id, "GenuineIntel") == 0)
		return "Intel";
	if (strcmp(c->x86_vendor_id, "AuthenticAMD") == 0)
		return "AMD";
	return c->x86_vendor_id;
}

void print_cpu_info(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;

	pr_info("CPU: %s %s (family: 0x%x, model: 0x%x, stepping: 0x%x)\n",
		cpu_vendor_name(c), c->x86_model_id, c->x86, c->x86_model,
		c->x86_stepping);
	pr_info("CPU: features:%s, %u-bit physical addresses\n",
		cpu_flags_string(), c->x86_phys_bits);
}
