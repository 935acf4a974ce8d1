/*
 * The first user program: an ordinary static glibc i386 program, the same
 * binary on Linux and on our kernel.  make test runs it on the host too.
 */
#include <stdio.h>

int main(void)
{
	printf("Hello from user space!\n");
	return 0;
}
