/*
 * A polled 16550 UART on COM1, 115200 8N1: the console for printk and the
 * monitor (Linux: drivers/tty/serial/8250/8250_early.c).  Polling keeps it
 * usable from any context, including the middle of an oops.
 */
#include <linux/serial.h>
#include <asm/io.h>
#include <asm/processor.h>

#define COM1		0x3f8
#define UART_RX		0	/* receive buffer (DLAB=0) */
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* receiver data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_LCR_DLAB	0x80
#define BASE_BAUD	115200

void serial_init(void)
{
	unsigned int divisor = BASE_BAUD / 115200;

	outb(0, COM1 + UART_IER);
	outb(UART_LCR_DLAB, COM1 + UART_LCR);
	outb(divisor & 0xff, COM1 + UART_DLL);
	outb(divisor >> 8, COM1 + UART_DLM);
	outb(0x03, COM1 + UART_LCR);	/* 8N1 */
	/* FIFOs on; clear only TX: bytes typed during boot are kept */
	outb(0xc5, COM1 + UART_FCR);
	outb(0x0b, COM1 + UART_MCR);	/* DTR, RTS, OUT2 */
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		cpu_relax();
	outb(c, COM1 + UART_TX);
}

void serial_write(const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s++);
	}
}

int serial_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1 + UART_RX);
}
