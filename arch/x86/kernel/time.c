/*
 * Time keeping (Linux: arch/x86/kernel/i8253.c, time.c, tsc.c).  The PIT
 * raises IRQ 0 HZ times a second and each tick adds one to jiffies.  The
 * TSC gives printk its timestamps; its rate is measured once at boot by
 * letting PIT channel 2 count down a known interval (Linux's
 * pit_calibrate_tsc idea).  Under QEMU -icount the TSC counts guest
 * instructions, which makes timings reproducible.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/msr.h>
#include <asm/processor.h>

#define PIT_TICK_RATE	1193182UL	/* Hz of the PIT's input clock */
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61		/* bit 0 gates channel 2, bit 5 = OUT */
/*
 * The calibration window.  One poll of OUT is a microsecond or two even
 * under emulation, so 2 ms already gives the rate to about 0.1%, good
 * enough for printk times and udelay; every millisecond more is a
 * millisecond of busy-waiting on the way to the prompt.
 */
#define CAL_MS		2

volatile unsigned long jiffies;
unsigned long tsc_khz;
static u64 tsc_at_boot;

/*
 * Tests only (run_in_timer_irq in tests/kernel/test_util.c, the atomic
 * suite's hammer): when set, called
 * at every tick from the timer interrupt, so a test can run code in hard
 * interrupt context (interrupts off, preempt_count() has HARDIRQ_OFFSET).
 * NULL otherwise.
 */
void (*timer_test_hook)(void);

static void timer_interrupt(struct pt_regs *regs)
{
	void (*hook)(void) = READ_ONCE(timer_test_hook);

	(void)regs;
	jiffies++;
	if (hook)
		hook();
	scheduler_tick();
}

/* Channel 0, mode 2 (rate generator), lobyte/hibyte. */
static void setup_pit_timer(void)
{
	u16 latch = DIV_ROUND_UP(PIT_TICK_RATE, HZ);

	outb(0x34, PIT_MODE);
	outb(latch & 0xff, PIT_CH0);
	outb(latch >> 8, PIT_CH0);
}

/*
 * Channel 2 in mode 0 counts down once and raises OUT; the TSC ticks
 * between arming it and OUT rising give the TSC rate.  Returns kHz.
 */
static unsigned long pit_calibrate_tsc(void)
{
	u16 latch = PIT_TICK_RATE / (1000 / CAL_MS);
	u64 t0, t1;
	unsigned long loops = 0;

	outb((inb(PIT_GATE) & ~0x02) | 0x01, PIT_GATE);	/* gate on, speaker off */
	outb(0xb0, PIT_MODE);				/* ch2, mode 0, binary */
	outb(latch & 0xff, PIT_CH2);
	outb(latch >> 8, PIT_CH2);
	t0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))
		loops++;
	t1 = rdtsc();
	if (loops < 10 || t1 <= t0)
		return 0;
	return (unsigned long)div_u64(t1 - t0, CAL_MS);
}

void time_init(void)
{
	if (boot_cpu_has(X86_FEATURE_TSC)) {
		tsc_at_boot = rdtsc();
		tsc_khz = pit_calibrate_tsc();
		if (tsc_khz)
			pr_info("tsc: Detected %lu.%03lu MHz processor\n",
				tsc_khz / 1000, tsc_khz % 1000);
		else
			pr_warn("tsc: calibration against the PIT failed; timestamps stay 0\n");
	} else {
		pr_warn("tsc: no TSC; timestamps stay 0\n");
	}
	setup_pit_timer();
	request_irq(0, timer_interrupt, "timer");
	pr_info("clocksource: pit: %d Hz tick\n", HZ);
}

u64 sched_clock(void)
{
	u64 ms;
	u32 rem;

	if (!tsc_khz)
		return 0;
	/* TSC ticks / kHz = ms; the remainder keeps the sub-ms part exact. */
	ms = div_u64_rem(rdtsc() - tsc_at_boot, tsc_khz, &rem);
	return ms * 1000000ULL + div_u64((u64)rem * 1000000ULL, tsc_khz);
}

void udelay(unsigned long usecs)
{
	u64 end;

	if (!tsc_khz) {
		while (usecs--)
			io_delay();
		return;
	}
	end = rdtsc() + div_u64((u64)usecs * tsc_khz, 1000);
	while (rdtsc() < end)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}
