/*
 * The 8259A interrupt controllers and IRQ dispatch (Linux:
 * arch/x86/kernel/i8259.c and irq.c).  The master PIC serves IRQ 0-7 and
 * the slave, cascaded on IRQ 2, serves 8-15.  A line stays masked until
 * someone requests it, so a stray device cannot flood us.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <linux/sched.h>
#include <asm/desc.h>

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_IMR	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_IMR	0xa1
#define PIC_CASCADE_IR	2
#define PIC_EOI		0x20
#define PIC_READ_ISR	0x0b

static irq_handler_t irq_handlers[NR_IRQS_LEGACY];
static const char *irq_names[NR_IRQS_LEGACY];
static u16 cached_irq_mask = 0xffff;
unsigned long irq_count[NR_IRQS_LEGACY];
unsigned long spurious_irq_count;

static void pic_write_mask(void)
{
	outb(cached_irq_mask & 0xff, PIC_MASTER_IMR);
	outb(cached_irq_mask >> 8, PIC_SLAVE_IMR);
}

/* ICW1-ICW4: edge triggered, cascade, 8086 mode; vectors 0x20 and 0x28. */
void init_IRQ(void)
{
	outb(0x11, PIC_MASTER_CMD);
	outb(0x11, PIC_SLAVE_CMD);
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR, PIC_MASTER_IMR);
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC_SLAVE_IMR);
	io_delay();
	outb(1 << PIC_CASCADE_IR, PIC_MASTER_IMR);
	outb(PIC_CASCADE_IR, PIC_SLAVE_IMR);
	io_delay();
	outb(0x01, PIC_MASTER_IMR);
	outb(0x01, PIC_SLAVE_IMR);
	io_delay();
	cached_irq_mask = 0xffff & ~(1 << PIC_CASCADE_IR);
	pic_write_mask();
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	unsigned long flags;

	if (irq >= NR_IRQS_LEGACY || irq_handlers[irq]) {
		pr_err("irq: cannot register IRQ %u for %s\n", irq, name);
		return -1;
	}
	local_irq_save(flags);
	irq_handlers[irq] = handler;
	irq_names[irq] = name;
	cached_irq_mask &= ~(1 << irq);
	pic_write_mask();
	local_irq_restore(flags);
	return 0;
}

/*
 * IRQ 7 and 15 also arrive when a request vanished before the CPU took it;
 * then the PIC's in-service bit is clear and no EOI is due (for 15 the
 * master still saw the cascade and needs its EOI).
 */
static bool irq_is_spurious(unsigned int irq)
{
	u16 cmd = irq == 7 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(PIC_READ_ISR, cmd);
	if (inb(cmd) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC_EOI, PIC_MASTER_CMD);
	spurious_irq_count++;
	return true;
}

void do_IRQ(struct pt_regs *regs, unsigned int irq)
{
	if (irq_is_spurious(irq))
		return;
	irq_count[irq]++;
	__preempt_count += HARDIRQ_OFFSET;	/* irq_enter */
	if (irq_handlers[irq])
		irq_handlers[irq](regs);
	else
		pr_warn("irq: unexpected IRQ %u\n", irq);
	__preempt_count -= HARDIRQ_OFFSET;	/* irq_exit */
	/* EOI after the handler: the same line cannot nest under itself. */
	if (irq >= 8)
		outb(PIC_EOI, PIC_SLAVE_CMD);
	outb(PIC_EOI, PIC_MASTER_CMD);
	/*
	 * The tick may have used up the time slice.  Switch now if what we
	 * interrupted could have been switched away from anyway.
	 */
	if (preempt_count() == 0 && need_resched())
		preempt_schedule_irq();
}
