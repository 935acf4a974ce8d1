/*
 * CPU identification (Linux: arch/x86/kernel/cpu/common.c) and the NX
 * switch (arch/x86/mm/setup_nx.c).  boot/head.asm has already refused a
 * CPU without PAE; here we learn the rest once and print it.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <asm/msr.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>

struct cpuinfo_x86 boot_cpu_data;

/*
 * Names for CPUs without a brand string (those before the Pentium 4 and
 * the Athlon), by family and model: the facts in the legacy_models tables
 * of Linux's arch/x86/kernel/cpu/intel.c and amd.c.  Linux also tells
 * some Celerons apart by their L2 size; we read no cache sizes.
 */
static const struct {
	const char *vendor_id;
	u32 family;
	const char *names[16];
} legacy_models[] = {
	{ "GenuineIntel", 4, {
		[0] = "486 DX-25/33", [1] = "486 DX-50", [2] = "486 SX",
		[3] = "486 DX/2", [4] = "486 SL", [5] = "486 SX/2",
		[7] = "486 DX/2-WB", [8] = "486 DX/4", [9] = "486 DX/4-WB" } },
	{ "GenuineIntel", 5, {
		[0] = "Pentium 60/66 A-step", [1] = "Pentium 60/66",
		[2] = "Pentium 75 - 200", [3] = "OverDrive PODP5V83",
		[4] = "Pentium MMX", [7] = "Mobile Pentium 75 - 200",
		[8] = "Mobile Pentium MMX", [9] = "Quark SoC X1000" } },
	{ "GenuineIntel", 6, {
		[0] = "Pentium Pro A-step", [1] = "Pentium Pro",
		[3] = "Pentium II (Klamath)", [4] = "Pentium II (Deschutes)",
		[5] = "Pentium II (Deschutes)", [6] = "Mobile Pentium II",
		[7] = "Pentium III (Katmai)", [8] = "Pentium III (Coppermine)",
		[10] = "Pentium III (Cascades)",
		[11] = "Pentium III (Tualatin)" } },
	{ "GenuineIntel", 15, {
		[0] = "Pentium 4 (Unknown)", [1] = "Pentium 4 (Willamette)",
		[2] = "Pentium 4 (Northwood)", [4] = "Pentium 4 (Foster)",
		[5] = "Pentium 4 (Foster)" } },
	{ "AuthenticAMD", 4, {
		[3] = "486 DX/2", [7] = "486 DX/2-WB", [8] = "486 DX/4",
		[9] = "486 DX/4-WB", [14] = "Am5x86-WT", [15] = "Am5x86-WB" } },
};

static const char *table_lookup_model(const struct cpuinfo_x86 *c)
{
	size_t i;

	if (c->x86_model >= 16)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(legacy_models); i++)
		if (legacy_models[i].family == c->x86 &&
		    strcmp(legacy_models[i].vendor_id, c->x86_vendor_id) == 0)
			return legacy_models[i].names[c->x86_model];
	return NULL;
}

/*
 * Settles x86_model_id, which holds the raw CPUID brand string or "", as
 * Linux does: the brand string without leading and trailing blanks (QEMU's
 * core2duo pads its own), else the name from the table, else "ff/mm", the
 * family and model in hex.
 */
void cpu_model_name_init(struct cpuinfo_x86 *c)
{
	char *p = c->x86_model_id;
	size_t n;
	const char *name;

	c->x86_model_id[48] = '\0';	/* the brand string is 48 bytes */
	while (*p == ' ')
		p++;
	n = strlen(p);
	while (n && p[n - 1] == ' ')
		n--;
	memmove(c->x86_model_id, p, n);
	c->x86_model_id[n] = '\0';
	if (n)
		return;
	name = table_lookup_model(c);
	if (name)
		strlcpy(c->x86_model_id, name, sizeof(c->x86_model_id));
	else
		snprintf(c->x86_model_id, sizeof(c->x86_model_id), "%02x/%02x",
			 c->x86, c->x86_model);
}

/* The brand string, from CPUID 0x80000002-4. */
static void get_model_name(struct cpuinfo_x86 *c)
{
	u32 *v = (u32 *)c->x86_model_id;
	u32 leaf;

	for (leaf = 0; leaf < 3; leaf++)
		cpuid(0x80000002 + leaf, &v[leaf * 4], &v[leaf * 4 + 1],
		      &v[leaf * 4 + 2], &v[leaf * 4 + 3]);
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
	/* Without the extended leaves, 0x80000000 returns something else. */
	cpuid(0x80000000, &max_ext, &ebx, &ecx, &edx);
	if ((max_ext & 0xffff0000) != 0x80000000)
		max_ext = 0;
	if (max_ext >= 0x80000001)
		cpuid(0x80000001, &eax, &ebx, &ecx, &c->ext_features_edx);
	if (max_ext >= 0x80000004)
		get_model_name(c);
	cpu_model_name_init(c);
	if (max_ext >= 0x80000008) {
		cpuid(0x80000008, &eax, &ebx, &ecx, &edx);
		c->x86_phys_bits = eax & 0xff;
	}
}

u64 __supported_pte_mask = ~_PAGE_NX;

/*
 * NX only means something once EFER.NXE is set; until then bit 63 of a PTE
 * is reserved and setting it faults.  So page-table code must ask
 * boot_cpu_has_nx() before using _PAGE_NX.
 */
static void x86_configure_nx(void)
{
	if (boot_cpu_has_nx()) {
		wrmsrl(MSR_EFER, rdmsrl(MSR_EFER) | EFER_NX);
		__supported_pte_mask |= _PAGE_NX;
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

/* Linux's short names for the vendor strings (its cpu_devs' c_vendor). */
static const struct {
	const char *id, *name;
} cpu_vendors[] = {
	{ "GenuineIntel", "Intel" }, { "AuthenticAMD", "AMD" },
	{ "HygonGenuine", "Hygon" }, { "CentaurHauls", "Centaur" },
	{ "  Shanghai  ", "Zhaoxin" }, { "CyrixInstead", "Cyrix" },
	{ "Geode by NSC", "NSC" }, { "GenuineTMx86", "Transmeta" },
	{ "TransmetaCPU", "Transmeta" }, { "UMC UMC UMC ", "UMC" },
	{ "Vortex86 SoC", "Vortex" },
};

static const char *cpu_vendor_name(const struct cpuinfo_x86 *c)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cpu_vendors); i++)
		if (strcmp(c->x86_vendor_id, cpu_vendors[i].id) == 0)
			return cpu_vendors[i].name;
	return c->x86_vendor_id;
}

/*
 * Linux's line: the vendor's short name, unless the model name already
 * says it ("Intel(R) Core(TM)2 Duo ..."), then the model name.
 */
void print_cpu_info(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	const char *vendor = cpu_vendor_name(c);

	if (strstr(c->x86_model_id, vendor))
		vendor = "";
	pr_info("CPU: %s%s%s (family: 0x%x, model: 0x%x, stepping: 0x%x)\n",
		vendor, *vendor ? " " : "", c->x86_model_id, c->x86,
		c->x86_model, c->x86_stepping);
	pr_info("CPU: features:%s, %u-bit physical addresses\n",
		cpu_flags_string(), c->x86_phys_bits);
}
