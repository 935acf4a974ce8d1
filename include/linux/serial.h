/* The serial console on COM1 (arch/x86/kernel/serial.c). */
#ifndef _LINUX_SERIAL_H
#define _LINUX_SERIAL_H

#include <linux/types.h>

void serial_init(void);
/* Writes n bytes, turning "\n" into "\r\n" for terminals. */
void serial_write(const char *s, size_t n);
/* Returns the next received byte, or -1 when none is waiting. */
int serial_getc(void);

#endif /* _LINUX_SERIAL_H */
